"""What values coming from a client may be, before any of them reaches the ORM or SQL.

SQL never sees client text spliced into a statement (values are always bound
parameters), but a bound value can still be one the database cannot store or
compare, and its error would surface as an internal error instead of a clear
answer. The external API therefore accepts:

* integers that fit in 64 bits (JSON allows any size, SQLite and PostgreSQL do
  not: ``2**70`` would end as an overflow deep inside the driver);
* finite floats (``Infinity`` and ``NaN`` are not JSON, though Python's parser
  accepts them);
* text without NUL characters (PostgreSQL text cannot hold them).

:func:`check_wire_values` walks decoded RPC parameters once and raises a
ValidationError naming the first offending value; :func:`check_bound_value`
does the same for one value a domain binds, and :func:`check_storable_rows` for
the values a create or write stores (an ``Integer`` column holds 32 bits on
PostgreSQL: the same limit applies on SQLite, so both refuse the same values).
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from nexa.exceptions import ValidationError

INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1
INT32_MIN, INT32_MAX = -(2 ** 31), 2 ** 31 - 1
#: Deepest nesting of lists and dicts walked (the JSON decoder already bounds it).
MAX_DEPTH = 200


def check_bound_value(value: Any, where: str = "") -> None:
    """Refuse one scalar no database can bind: an integer beyond 64 bits, a non-finite float, a NUL."""
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        raise ValidationError(f"Number out of range{where}: {value} does not fit in 64 bits", value=str(value))
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(f"Invalid number{where}: {value} (only finite numbers are accepted)", value=str(value))
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(f"Invalid text{where}: NUL characters (\\x00) are not accepted", value=value)


def check_wire_values(value: Any, where: str = "") -> None:
    """Walk decoded RPC parameters (dicts, lists, scalars) and refuse the first value no database can bind."""
    stack = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict):
            children = [*current.keys(), *current.values()]
        elif isinstance(current, (list, tuple)):
            children = list(current)
        else:
            check_bound_value(current, where)
            continue
        if depth >= MAX_DEPTH:
            raise ValidationError(f"Parameters nested more than {MAX_DEPTH} levels deep{where}")
        stack.extend((child, depth + 1) for child in children)


def check_comparable(field: Any, value: Any) -> None:
    """Refuse a value a domain would compare with ``field``'s column but the column type cannot hold."""
    where = f" for {field.model_name}.{field.name}"
    check_bound_value(value, where)
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = column_int_range(field)
        if not low <= value <= high:
            raise ValidationError(f"Number out of range{where}: {value} (the column holds {low} to {high})",
                                  model=field.model_name, field=field.name, value=str(value))


def column_int_range(field: Any) -> tuple[int, int]:
    """The whole numbers the column of ``field`` holds: 32 bits for ``Integer``, 64 for ``BigInteger``."""
    from sqlalchemy import BigInteger, Integer

    try:
        column_type = field.column_type()
    except NotImplementedError:
        column_type = None
    if isinstance(column_type, Integer) and not isinstance(column_type, BigInteger):
        return INT32_MIN, INT32_MAX
    return INT_MIN, INT_MAX


def check_storable_rows(model: str, fields: list[Any], rows: list[dict[str, Any]]) -> None:
    """Refuse, naming model and field, any value of ``rows`` (column name -> bound value) its column cannot hold."""
    by_name = {field.name: field for field in fields}
    for row in rows:
        for name, value in row.items():
            if not _plainly_storable(value):
                _check_storable(model, name, by_name.get(name), value)


def check_storable_column(model: str, field: Any, values: list[Any]) -> None:
    """:func:`check_storable_rows` for the values of one column (a create batch checks column by column)."""
    for value in values:
        if not _plainly_storable(value):
            _check_storable(model, field.name, field, value)


#: Types whose every value any column of its kind holds (a create batch is mostly these, plus short text).
_ALWAYS_STORABLE = frozenset({type(None), bool, datetime.datetime, datetime.date})


def _plainly_storable(value: Any) -> bool:
    """A cheap first test: values no column can refuse (text without NUL, 32-bit integers, dates...)."""
    kind = type(value)
    return kind in _ALWAYS_STORABLE or (kind is str and "\x00" not in value) or \
        (kind is int and INT32_MIN <= value <= INT32_MAX)


def _check_storable(model: str, name: str, field: Any, value: Any) -> None:
    where = f" for {model}.{name}"
    check_bound_value(value, where)
    if isinstance(value, int) and not isinstance(value, bool) and field is not None:
        low, high = column_int_range(field)
        if not low <= value <= high:
            raise ValidationError(f"Number out of range{where}: {value} (the column holds {low} to {high})",
                                  model=model, field=name, value=str(value))


def check_record_ids(ids: list[Any], where: str) -> None:
    """Refuse anything but record ids (whole numbers from 1 to 2**31 - 1) given for ``where``."""
    for value in ids:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= INT32_MAX:
            raise ValidationError(f"Invalid record id for {where}: {value!r}", value=str(value))
