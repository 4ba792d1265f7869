"""Turn what a model method returns into plain values both RPC codecs can send.

Model methods return Python objects: datetimes, Decimals, recordsets, tuples,
read-only mappings, ``Markup`` strings. JSON-RPC and XML-RPC each need plain
values, and Odoo's clients expect the same shapes from both (reference G10):

=====================================  =========================================
Python value                           wire value
=====================================  =========================================
``None``                               ``False`` (at any depth, see below)
``datetime``                           ``"YYYY-MM-DD HH:MM:SS"``: naive UTC, no
                                       microseconds; an aware one is converted
                                       to UTC first
``date``                               ``"YYYY-MM-DD"``
``Decimal``                            ``float``
``bytes``/``bytearray``/``memoryview``  ``str`` (UTF-8; binary field values
                                       arrive here already base64-encoded)
``tuple``/``set``/``frozenset``/list   ``list``
any ``Mapping``                        ``dict`` whose keys are ``str`` (``int``
                                       keys are written as digits, as JSON does)
``str``/``int``/``float`` subclasses   the plain built-in value (``Markup`` ->
                                       ``str``, ``IntEnum`` -> ``int``): the
                                       XML-RPC marshaller refuses subclasses
an object with ``__nexa_wire__()``     what that returns, converted in turn
                                       (recordsets return their ids)
=====================================  =========================================

**None becomes False.** Odoo's RPC-callable methods never return ``None`` and its
``read`` never sends ``null`` (reference G9): XML-RPC cannot marshal ``None``
(Odoo turns it into a fault), and a JSON-RPC response without ``result`` makes
erppeek raise ``KeyError``. Mapping ``None`` to ``False`` everywhere gives all
clients the value Odoo would have produced, so a method that forgets to return
``True`` still works over every transport.

Anything else is a programming error in the method that returned it: a
``TypeError`` names the type and where it sits in the result, e.g.
``result[0]['amount']``. Circular structures and bytes that are not UTF-8 text
raise ``ValueError`` the same way. ``to_wire`` never changes its argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

__all__ = ["to_wire"]

_PLAIN = frozenset({str, int, float, bool})
_SEQUENCES = (list, tuple, set, frozenset)
_BINARY = (bytes, bytearray, memoryview)


class _Unsendable(Exception):
    """Raised deep inside the conversion; ``to_wire`` adds where it happened."""

    def __init__(self, error: type[Exception], reason: str) -> None:
        super().__init__(reason)
        self.error = error
        self.reason = reason
        self.path: list[str | int] = []  # dict keys and list indexes, innermost first


def to_wire(value: Any) -> Any:
    """Return ``value`` converted recursively to plain wire values (see the module doc).

    >>> to_wire({"when": datetime(2024, 5, 1, 9, 30, 15, 123456), "ids": (1, 2), "x": None})
    {'when': '2024-05-01 09:30:15', 'ids': [1, 2], 'x': False}
    """
    if _already_plain(value, 0):
        return value  # the common case (rows of ``read``): nothing to convert, nothing to copy
    try:
        return _convert(value, set())
    except _Unsendable as problem:
        where = "result" + "".join(f"[{step!r}]" for step in reversed(problem.path))
        raise problem.error(f"{problem.reason} (at {where})") from None


#: Nesting walked by the plain-value check before handing over to the full conversion (which finds cycles).
PLAIN_DEPTH = 8


def _already_plain(value: Any, depth: int) -> bool:
    """True when ``value`` is made only of exact str/int/float/bool, lists and dicts with str keys.

    Such a value is its own wire form; the check reads it once, without building anything.
    """
    kind = type(value)
    if kind in _PLAIN:
        return True
    if depth >= PLAIN_DEPTH:
        return False
    if kind is list:
        for item in value:  # noqa: SIM110 - a loop, not all(generator): it runs over every cell sent
            if type(item) not in _PLAIN and not _already_plain(item, depth + 1):
                return False
        return True
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or (type(item) not in _PLAIN and not _already_plain(item, depth + 1)):
                return False
        return True
    return False


def _convert(value: Any, open_containers: set[int]) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if value is None:
        return False
    if hasattr(kind, "__nexa_wire__"):
        return _convert(value.__nexa_wire__(), open_containers)
    if isinstance(value, Mapping):
        return _convert_mapping(value, open_containers)
    if isinstance(value, _SEQUENCES):
        return _convert_sequence(value, open_containers)
    return _convert_scalar(value)


def _convert_scalar(value: Any) -> Any:
    # bool cannot be subclassed, so an int subclass here is an IntEnum or similar.
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str.__str__(value)  # an exact str copy, whatever the subclass does
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, _BINARY):
        return _decode(bytes(value))
    kind = type(value)
    raise _Unsendable(
        TypeError,
        f"cannot send a {kind.__module__}.{kind.__qualname__} over RPC: return str, int, float, "
        "bool, date, datetime, Decimal, bytes, a list/tuple or a dict instead "
        "(or give the class a __nexa_wire__() method)",
    )


def _decode(raw: bytes) -> str:
    # ASCII (what base64 produces) is a subset of UTF-8, so one decode covers both.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unsendable(
            ValueError,
            f"cannot send {len(raw)} bytes that are not UTF-8 text over RPC: encode binary "
            "data with base64.b64encode(...) before returning it",
        ) from None


def _convert_mapping(value: Mapping, open_containers: set[int]) -> dict[str, Any]:
    names = [_convert_key(key) for key in value]
    return dict(zip(names, _convert_children(value, zip(names, value.values()), open_containers)))


def _convert_key(key: Any) -> str:
    if isinstance(key, str):
        return str.__str__(key)
    if isinstance(key, int) and not isinstance(key, bool):
        return str(int(key))
    raise _Unsendable(
        TypeError,
        f"cannot send a dict key of type {type(key).__qualname__} ({key!r}) over RPC: "
        "keys must be str (int keys are sent as digits)",
    )


def _convert_sequence(value: list | tuple | set | frozenset, open_containers: set[int]) -> list:
    return _convert_children(value, enumerate(value), open_containers)


def _convert_children(
    container: Any, steps: Iterable[tuple[str | int, Any]], open_containers: set[int]
) -> list:
    """Convert the items of ``container``; each comes with its key or index for error paths."""
    marker = id(container)
    if marker in open_containers:
        raise _Unsendable(ValueError, "cannot send a circular structure over RPC (it contains itself)")
    open_containers.add(marker)
    try:
        converted = []
        for step, item in steps:
            try:
                converted.append(_convert(item, open_containers))
            except _Unsendable as problem:
                problem.path.append(step)
                raise
        return converted
    finally:
        open_containers.discard(marker)
