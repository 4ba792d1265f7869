"""``search_read`` in one statement: rows straight to the dicts clients receive.

``search`` then ``read`` costs a search, an existence check, a fetch of the columns by
id and a conversion of every value through the record cache, one record at a time.
A list view asks for nothing more than a page of columns, so :func:`read_page` selects
the ids *and* the requested columns in the one statement the search would run (same
WHERE clause: record rules and the ``active`` filter included), then converts whole
columns at once with each field's ``column_reader``. Many2one values get their
display names in one query per comodel (:func:`display_names`). Fields that need the
record to be read (computed, translated, x2many, company-dependent...) still go through
the cache, for the records of the page only.

Models that override ``search``, ``_search`` or ``read`` keep the two-step path, so
their overrides apply.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from nexa.orm.fetch import get
from nexa.orm.plans import search_columns
from nexa.orm.query import order_terms

LOAD_IDS = "_classic_write"
RESTRICTED = "Restricted"


def fused_reads(model_class: type) -> bool:
    """Whether ``search_read`` may read ``model_class`` in one statement (no override to honour)."""
    from nexa.orm.read import ReadMixin
    from nexa.orm.search import SearchMixin

    return (model_class.read is ReadMixin.read and model_class.search is SearchMixin.search
            and model_class._search is SearchMixin._search)


def read_page(model: Any, domain: Any, fields: Any, offset: int, limit: int | None, order: str | None,
              load: str) -> list[dict[str, Any]]:
    """What ``model.search(domain, offset, limit, order).read(fields, load)`` returns, in fewer steps."""
    model._check_access("read")
    model._check_searchable()
    where = model._where(domain, model._table_obj)
    order_terms(model, order)
    names = model._resolve_field_names(fields)
    model_fields = model._fields
    columns = tuple(name for name in names if name != "id" and model_fields[name].column_stored)
    found = search_columns(model, where, offset, limit, order, columns)
    ids = found[0]
    if not ids:
        return []
    fetched = dict(zip(columns, found[1:]))
    values: dict[str, list[Any]] = {}
    many2ones: list[str] = []
    slow: list[str] = []
    for name in names:
        if name == "id":
            continue
        field = model_fields[name]
        if name in fetched and field.type == "many2one":
            many2ones.append(name)
            continue
        reader = field.column_reader() if name in fetched else None
        if reader is None:
            slow.append(name)
        else:
            values[name] = reader(fetched[name])
    if many2ones:
        _read_many2ones(model, many2ones, fetched, values, load)
    if slow:
        _read_through_cache(model, ids, slow, fetched, values)
    keys = ["id", *(name for name in names if name != "id")]
    return [dict(zip(keys, row)) for row in zip(ids, *(values[key] for key in keys[1:]))]


def _read_many2ones(model: Any, names: list[str], fetched: dict[str, Any], values: dict[str, list[Any]],
                    load: str) -> None:
    """``[id, display_name]`` (or the id, for ``_classic_write``) of many2one columns; False when empty."""
    if load == LOAD_IDS:
        for name in names:
            values[name] = [value or False for value in fetched[name]]
        return
    wanted: dict[str, set[int]] = defaultdict(set)
    for name in names:
        targets = set(fetched[name])
        targets.discard(None)
        wanted[model._fields[name].comodel_name].update(targets)
    labels = {comodel: display_names(model.env[comodel], ids) for comodel, ids in wanted.items()}
    for name in names:
        known = labels[model._fields[name].comodel_name]
        values[name] = [[value, known.get(value, "")] if value else False for value in fetched[name]]


def _read_through_cache(model: Any, ids: list[int], names: list[str], fetched: dict[str, Any],
                        values: dict[str, list[Any]]) -> None:
    """Fields converted with the record: the fetched columns go to the cache first (where missing)."""
    env = model.env
    cache = env.cache
    batch = tuple(ids)
    for name, column in fetched.items():
        field = model._fields[name]
        known = cache.values_of(field)
        cache.update(field, {record_id: field.from_column(value)
                             for record_id, value in zip(ids, column) if record_id not in known})
    records = list(model._browse(env, batch, batch))
    for name in names:
        field = model._fields[name]
        values[name] = [field.to_read(get(record, field), record) for record in records]


def display_names(model: Any, ids: set[int]) -> dict[int, str]:
    """``{id: display_name}`` for ``ids``; records the user may not read are named "Restricted".

    When the comodel names records by a plain text column (the default ``display_name`` on
    a ``_rec_name`` such as ``name``), the names are selected directly, with the user's
    read rules in the WHERE clause; otherwise through ``display_name``. Without rules to
    apply, names known to the transaction's cache are not selected again (the cache drops
    them on any write, as it drops every computed value).
    """
    if not ids:
        return {}
    column = _name_column(model)
    if column is None:
        return _computed_names(model, ids)
    if not model.check_access_rights("read", raise_exception=False):
        return dict.fromkeys(ids, RESTRICTED)
    env = model.env
    table = model._table_obj
    rules = None if env.su else model._rule_condition(table, "read")
    display = model._fields["display_name"]
    known = env.cache.values_of(display) if rules is None else {}
    names = {record_id: known[record_id] or "" for record_id in ids if record_id in known}
    missing = sorted(record_id for record_id in ids if record_id not in names)
    if missing:
        statement = select(table.c.id, table.c[column]).where(table.c.id.in_(missing))
        if rules is not None:
            statement = statement.where(rules)
        transaction = env.transaction
        found = {record_id: display.to_cache("" if name is None else str(name), env)  # as display_name stores it
                 for record_id, name in transaction.database.statements.run(transaction, statement)}
        if rules is None:
            env.cache.update(display, found)
        names.update((record_id, name or "") for record_id, name in found.items())
    for record_id in ids - names.keys():
        names[record_id] = RESTRICTED
    return names


def _name_column(model: Any) -> str | None:
    """The text column display names are, when the model names records the default way."""
    from nexa.orm.display import DisplayMixin

    kind = type(model)
    field = model._fields.get(model._rec_name or "")
    display = model._fields.get("display_name")
    if (field is None or display is None or display.compute != "_compute_display_name"
            or kind._compute_display_name is not DisplayMixin._compute_display_name):
        return None
    if field.type not in ("char", "text") or not field.column_stored or field.compute or field.related \
            or getattr(field, "translations_field", None) is not None or field.column_reader() is None:
        return None
    return field.name


def _computed_names(model: Any, ids: set[int]) -> dict[int, str]:
    records = model.browse(sorted(ids))
    visible = set(records._filter_readable()._ids)
    readable = model.sudo().browse(sorted(visible))
    names = {record.id: record.display_name or "" for record in readable}
    for record_id in ids - visible:
        names[record_id] = RESTRICTED
    return names
