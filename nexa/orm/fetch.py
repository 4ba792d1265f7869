"""Reading field values into the record cache, a whole prefetch batch at a time.

When ``record.name`` is not cached, the value is fetched for every record of
the record's *prefetch set* that misses it (up to :data:`PREFETCH_MAX` ids), and
with it every other prefetchable column of the model. A loop over N records
therefore costs one query per 1,000 records, not one per record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select

from nexa.exceptions import MissingError, ValidationError
from nexa.orm.cache import MISSING
from nexa.orm.onchange import NewId
from nexa.orm.translation import translate

PREFETCH_MAX = 1000


class RelatedPrefetch:
    """The ids a relational field points to over a prefetch set, computed lazily.

    ``partner.country_id`` gets this as its prefetch set, so the first country
    read fetches the countries of every partner of the loop at once.
    """

    __slots__ = ("cache", "field", "ids")

    def __init__(self, field: Any, ids: Iterable[int], cache: Any) -> None:
        self.field = field
        self.ids = ids
        self.cache = cache

    def __iter__(self) -> Iterator[int]:
        values = self.cache.values_of(self.field)
        seen: set[int] = set()
        for record_id in self.ids:
            value = values.get(record_id)
            if not value:
                continue
            for target in (value,) if isinstance(value, int) else value:
                if target not in seen:
                    seen.add(target)
                    yield target


def related_prefetch(record: Any, field: Any) -> RelatedPrefetch:
    return RelatedPrefetch(field, record._prefetch_ids, record.env.cache)


def _batch(record: Any, field: Any) -> list[int]:
    """The ids to fetch ``field`` for: the record first, then the rest of its prefetch set."""
    cache = record.env.cache
    record_id = record._ids[0]
    batch = [record_id]
    seen = {record_id}
    virtual = isinstance(record_id, NewId)
    for other in record._prefetch_ids:
        if len(batch) >= PREFETCH_MAX:
            break
        if other not in seen and not cache.contains(field, other) and isinstance(other, NewId) == virtual:
            seen.add(other)
            batch.append(other)
    return batch


def get(record: Any, field: Any) -> Any:
    """The cache value of ``field`` for one ``record``, fetching or computing it if needed."""
    cache = record.env.cache
    record_id = record._ids[0]
    if field.company_dependent:
        from nexa.security.company_values import forget_other_company

        forget_other_company(record.env, field)
    value = cache.get(field, record_id, MISSING)
    if value is not MISSING:
        return _visible(record, field, value)
    if not record.env.su:
        record._check_field_access(field, "read")
    batch = record._browse(record.env, tuple(_batch(record, field)), record._prefetch_ids)
    if isinstance(record_id, NewId):
        from nexa.orm.onchange import fill_virtual

        fill_virtual(batch, field)
    elif not field.store:
        if field.company_dependent and not record.env.su:
            batch = batch._readable_batch(record_id)  # values of hidden records are neither read nor cached
        compute(batch, field)
    elif field.column_stored:
        fetch_columns(batch, prefetch_fields(record, field), required=(record_id,))
    else:
        batch_values = field.fetch(record.env, list(batch._ids))
        cache.update(field, batch_values)
    value = cache.get(field, record_id, MISSING)
    if value is MISSING:
        raise MissingError(f"Record does not exist or has been deleted: {record._name}({record_id},)",
                           model=record._name, record_ids=[record_id])
    return _visible(record, field, value)


def _visible(record: Any, field: Any, value: Any) -> Any:
    """The value as the user sees it: x2many lines hidden by their record rules are left out.

    The cache keeps the whole value (see :mod:`nexa.security.visibility`).
    """
    if record.env.su or not value or not field.store or field.type not in ("one2many", "many2many"):
        return value
    from nexa.security.visibility import readable_subset

    return readable_subset(record, field, value)


def prefetch_fields(record: Any, field: Any) -> list[Any]:
    """``field`` and the other columns worth fetching along with it."""
    if not field.prefetch:
        return [field]
    return [f for f in record._column_fields if f.prefetch or f is field]


def fetch_columns(records: Any, fields: list[Any], required: Iterable[int] | None = None) -> set[int]:
    """Read ``fields`` (column fields) of ``records`` from the database into the cache; the ids found.

    Records the user's rules hide are not cached; an AccessError is raised if
    any of them is ``required`` (default: all), not for the rest of a prefetch batch.
    Records that no longer exist are neither cached nor found.
    """
    if not records._ids:
        return set()
    env = records.env
    table = records._table_obj
    columns = [table.c[field.name] for field in fields]
    cache = env.cache
    chunk = env.dialect.max_bound_parameters
    ids = list(dict.fromkeys(records._ids))
    rules = None if env.su else records._rule_condition(table, "read")
    found: set[int] = set()
    transaction = env.transaction
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        statement = select(table.c.id, *columns).where(table.c.id.in_(part))
        if rules is not None:
            statement = statement.where(rules)
        for row in transaction.database.statements.run(transaction, statement):
            record_id = row[0]
            found.add(record_id)
            for field, value in zip(fields, row[1:]):
                cache.set(field, record_id, field.from_column(value))
    if rules is not None and len(found) < len(ids):
        records._raise_rule_error((set(ids) if required is None else set(required)) - found, "read")
    return found


def compute(records: Any, field: Any) -> None:
    """Compute a field for ``records`` and keep the values in the cache.

    Fields computed by the same method are computed (and cached) together.
    """
    env = records.env
    if field.compute and not callable(field.compute):
        siblings = [f for f in records._fields.values() if f.compute == field.compute]
    else:
        siblings = [field]
    for sibling in siblings:
        env.transaction.computing.setdefault(sibling, set()).update(records._ids)
    try:
        if field.related:
            compute_related(records, field)
        elif callable(field.compute):
            field.compute(records)
        else:
            getattr(records, field.compute)()
    finally:
        for sibling in siblings:
            env.transaction.computing[sibling].difference_update(records._ids)
    missing = env.cache.missing_ids(field, records._ids)
    if missing:
        raise ValidationError(
            f"Compute method {field.compute!r} of {records._name}.{field.name} did not assign a value "
            f"for records {missing}", model=records._name, field=field.name, record_ids=missing)


def compute_related(records: Any, field: Any) -> None:
    """Follow ``field.related`` from each record and cache what it finds."""
    *path, last = field.related.split(".")
    cache = records.env.cache
    sources = records if records.env.su else records.sudo()
    for record in sources:
        target = record
        for name in path:
            target = getattr(target, name)
            if len(target) > 1:
                target = target[0]
        if not target:
            cache.set(field, record.id, field.to_cache(False, records.env))
            continue
        source = target._fields[last]
        value = get(target, source)
        if getattr(source, "translations_field", None) is not None:
            value = translate(source, value, target)
        cache.set(field, record.id, value)


def assign(record: Any, field: Any, value: Any) -> None:
    """``record.field = value``: a cache write inside a compute method, else a ``write``."""
    env = record.env
    computing = env.transaction.computing.get(field)
    if computing and all(record_id in computing for record_id in record._ids):
        cached = field.to_cache(value, env)
        for record_id in record._ids:
            env.cache.set(field, record_id, cached)
        return
    if record._ids and all(isinstance(record_id, NewId) for record_id in record._ids):
        from nexa.orm.onchange import assign_virtual

        assign_virtual(record, field, value)  # a record of an onchange: memory only
        return
    record.write({field.name: value})


def existing_ids(env: Any, model_name: str, ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` exist in the model's table (no access check)."""
    model = env[model_name]
    table = model._table_obj
    ids = [i for i in ids if isinstance(i, int) and not isinstance(i, NewId)]
    if not ids:
        return set()
    transaction = env.transaction
    rows = transaction.database.statements.run(transaction, select(table.c.id).where(table.c.id.in_(ids)))
    return {row[0] for row in rows}
