"""Company-dependent fields: one value per company, kept in ``ir.property``.

``fields.Many2one("account.account", company_dependent=True)`` gives a field
that reads and writes the value of the *current company* (``env.company``):
a partner's receivable account differs in each company. Such a field has no
column. Its values are rows of ``ir.property`` (model, field name, record id,
company, and one typed value column: text, float, integer, boolean, date or
datetime), so every SQLite/PostgreSQL type works and searching stays plain SQL.

Why a side table rather than a JSON column per model (Odoo 18's choice): the
record cache keeps one value per field and record, shared by every environment of
a transaction; a JSON column would put the values of all companies in it and
force every reader to pick its company. Here the cache holds the value of one
company, the one :func:`forget_other_company` checks before each use.

The value of a record for company C is, first found:

1. the row (record, C);
2. the row (no record, C): the company's default;
3. the row (no record, no company): the default of every company;
4. the field's ``default``, else empty.

:func:`attach` (called by the registry) turns a declared field into a
non-stored one whose compute, inverse and search methods go through here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, insert, literal, or_, select, true

from nexa.exceptions import DomainError, ModelDefinitionError
from nexa.security.inputs import check_storable_rows

#: The ``ir.property`` column holding each field type's values.
VALUE_COLUMNS = {
    "char": "value_text", "text": "value_text", "html": "value_text", "selection": "value_text",
    "float": "value_float", "monetary": "value_float", "integer": "value_integer", "many2one": "value_integer",
    "boolean": "value_boolean", "date": "value_date", "datetime": "value_datetime",
}

_MEMO = "company_values.company"
_LIKE = ("like", "not like", "ilike", "not ilike", "=like", "=ilike")


def attach(cls: type, field: Any) -> None:
    """Give ``cls`` the compute/inverse/search methods of the company-dependent ``field``."""
    if field.type not in VALUE_COLUMNS:
        raise ModelDefinitionError(
            f"Field {cls._name}.{field.name} ({field.type}) cannot be company_dependent: only "
            f"{', '.join(sorted(VALUE_COLUMNS))} fields can", addon=field.addon, model=cls._name, field=field.name)
    inverse, search = f"_inverse_company_value_{field.name}", f"_search_company_value_{field.name}"
    cls._compute_company_values = compute_values
    setattr(cls, inverse, lambda records: write_values(records, field))
    setattr(cls, search, lambda model, operator, value: search_domain(model, field, operator, value))
    field.compute, field.inverse, field.search = "_compute_company_values", inverse, search


def _table(env: Any) -> Any:
    return env.registry.models["ir.property"]._table_obj


def forget_other_company(env: Any, field: Any) -> None:
    """Drop the cached values of ``field`` if they were read for another company than the current one."""
    memo = env.transaction.data.get(_MEMO)
    if memo and field in memo and memo[field] != env.company.id:
        env.cache.invalidate_field(field)
        del memo[field]


def compute_values(records: Any) -> None:
    """Read every company-dependent field of ``records`` for ``env.company`` (one query)."""
    env = records.env
    fields = [f for f in records._fields.values() if f.company_dependent and not f.related]
    company_id = env.company.id  # the caller (nexa.orm.fetch.get) left out the records the user may not read
    values = _stored_values(env, records._name, fields, records._ids, company_id)
    memo = env.transaction.data.setdefault(_MEMO, {})
    for field in fields:
        fallback = values.get((field.name, None), MISSING_DEFAULT)
        if fallback is MISSING_DEFAULT:
            fallback = field_default(records, field)
        for record_id in records._ids:
            env.cache.set(field, record_id, values.get((field.name, record_id), fallback))
        memo[field] = company_id


MISSING_DEFAULT: Any = object()


def _stored_values(env: Any, model: str, fields: list[Any], ids: tuple[int, ...],
                   company_id: int) -> dict[tuple[str, int | None], Any]:
    """``{(field name, record id or None): cache value}`` for the company, best match first."""
    table = _table(env)
    by_name = {field.name: field for field in fields}
    columns = sorted({VALUE_COLUMNS[field.type] for field in fields})
    statement = select(table.c.name, table.c.res_id, table.c.company_id, *(table.c[c] for c in columns)).where(
        table.c.model == model, table.c.name.in_(list(by_name)),
        or_(table.c.res_id.in_(list(ids)), table.c.res_id.is_(None)),
        or_(table.c.company_id == company_id, table.c.company_id.is_(None)))
    found: dict[tuple[str, int | None], tuple[int, Any]] = {}
    for row in env.transaction.execute(statement):
        field = by_name[row.name]
        value = field.from_column(getattr(row, VALUE_COLUMNS[field.type]))
        rank = 0 if row.company_id is not None else 1  # the company's row beats the all-companies one
        key = (row.name, row.res_id)
        if key not in found or rank < found[key][0]:
            found[key] = (rank, value)
    return {key: value for key, (_rank, value) in found.items()}


def field_default(model: Any, field: Any) -> Any:
    """The cache value of ``field``'s declared default (empty when it has none)."""
    default = field.default
    if default is None:
        return field.to_cache(None, model.env)
    return field.to_cache(default(model) if callable(default) else default, model.env)


def write_values(records: Any, field: Any) -> None:
    """Store the cached values of ``field`` for ``records`` as the current company's (the inverse)."""
    env = records.env
    if not records._ids:
        return
    table, company_id = _table(env), env.company.id
    column = VALUE_COLUMNS[field.type]
    env.transaction.execute(delete(table).where(
        table.c.model == records._name, table.c.name == field.name, table.c.company_id == company_id,
        table.c.res_id.in_(list(records._ids))))
    from nexa.orm.fields.temporal import Datetime

    check_storable_rows(records._name, [field], [{field.name: field.to_column(env.cache.get(field, record_id, None))}
                                                 for record_id in records._ids])
    now = Datetime.now()
    stamps = {key: value for key, value in (("create_uid", env.uid), ("write_uid", env.uid), ("create_date", now),
                                            ("write_date", now)) if key in table.c}
    env.transaction.execute(insert(table), [
        {"model": records._name, "name": field.name, "res_id": record_id, "company_id": company_id,
         column: field.to_column(env.cache.get(field, record_id, None)), **stamps}
        for record_id in records._ids])
    env.transaction.data.setdefault(_MEMO, {})[field] = company_id


def forget_records(records: Any) -> None:
    """Delete the values of records about to be deleted."""
    table = _table(records.env)
    records.env.transaction.execute(delete(table).where(table.c.model == records._name,
                                                        table.c.res_id.in_(list(records._ids))))


def search_domain(model: Any, field: Any, operator: str, value: Any) -> list:
    """The domain for ``(field, operator, value)``: records whose current-company value matches."""
    env = model.env
    if operator in ("child_of", "parent_of"):
        raise DomainError(f"Operator {operator!r} is not supported on the company-dependent field "
                          f"{model._name}.{field.name}", model=model._name, field=field.name, value=operator)
    table, company_id = _table(env), env.company.id
    column = table.c[VALUE_COLUMNS[field.type]]
    specific = select(table.c.res_id).where(table.c.model == model._name, table.c.name == field.name,
                                            table.c.company_id == company_id, table.c.res_id.is_not(None))
    matching = [row[0] for row in env.transaction.execute(specific.where(_condition(model, field, column,
                                                                                    operator, value)))]
    defaults = _stored_values(env, model._name, [field], (), company_id)
    fallback = defaults.get((field.name, None), MISSING_DEFAULT)
    if fallback is MISSING_DEFAULT:
        fallback = field_default(model, field)
    constant = literal(field.to_column(fallback), type_=field.column_type())
    fallback_matches = env.transaction.execute(
        select(true()).where(_condition(model, field, constant, operator, value))).first() is not None
    if not fallback_matches:
        return [("id", "in", matching)]
    with_value = [row[0] for row in env.transaction.execute(specific)]
    return ["|", ("id", "in", matching), ("id", "not in", with_value)]


def _condition(model: Any, field: Any, column: Any, operator: str, value: Any) -> Any:
    """The SQL condition on a value column; many2one paths and names go through the comodel's search."""
    env = model.env
    if field.type == "many2one" and (operator in ("any", "not any") or operator in _LIKE or isinstance(value, str)):
        comodel = env[field.comodel_name].with_context(active_test=False)
        negative = operator in ("not any", "not like", "not ilike", "!=", "<>", "not in")
        if operator in ("any", "not any"):
            sub_domain = value if isinstance(value, (list, tuple)) else []
        else:
            positive = {"not like": "like", "not ilike": "ilike", "!=": "=", "<>": "=", "not in": "in"}
            sub_domain = comodel._name_search_domain(value, positive.get(operator, operator))
        inside = column.in_(comodel._search_select(sub_domain))
        return or_(~inside, column.is_(None)) if negative else and_(inside, column.is_not(None))
    return field.condition(column, operator, value, env)
