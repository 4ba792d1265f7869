"""The ORM's hot statements, compiled once per shape and re-bound for each call.

A search, a read by ids, a one-record write and a create batch each run one statement
whose *shape* (tables, columns, operators) repeats endlessly while its values change.
Building that statement with SQLAlchemy and executing it through ``Connection.execute``
costs more Python than SQLite needs to answer it, so these paths keep their compiled
statements in the database's :class:`~nexa.db.statements.StatementCache`:

* **search**: the WHERE clause is still built the usual way (the domain is parsed,
  every leaf is compiled and validated by its field, the user's record rules are
  added), but the SELECT around it, its ORDER BY and its execution are cached per
  shape of that WHERE clause (its SQLAlchemy cache key), order and paging;
* **updates by id** and **inserts**: one statement per table and set of columns, built
  with named bind parameters (reads by ids run through the same cache from
  :mod:`nexa.orm.fetch`, via :meth:`~nexa.db.statements.StatementCache.run`).

Nothing about *what* runs changes: the SQL text is the one SQLAlchemy compiles for the
same statement, and values go through the same type processors.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, bindparam, select

from nexa.orm.query import order_by, order_terms

LIMIT = "nexa_limit"
OFFSET = "nexa_offset"


def search_ids(model: Any, domain: Any, offset: int, limit: int | None, order: str | None) -> tuple[int, ...]:
    """The ids ``model._search`` returns: rules and the ``active`` filter applied, ordered, paged."""
    where = model._where(domain, model._table_obj)
    order_terms(model, order)  # validated on every call: a cached statement skips order_by()
    return tuple(search_columns(model, where, offset, limit, order)[0])


def search_columns(model: Any, where: Any, offset: int, limit: int | None, order: str | None,
                   columns: tuple[str, ...] = ()) -> list[list]:
    """``SELECT id, *columns ... WHERE where ORDER BY order LIMIT/OFFSET``, cached per shape; one list per column.

    ``where`` comes from ``model._where`` (rules and ``active`` included); the caller has
    checked ``order`` with :func:`~nexa.orm.query.order_terms`.
    """
    limit = int(limit) if limit else None  # 0, None, False: no limit (as _search_select reads them)
    offset = int(offset) if offset else 0
    table = model._table_obj
    cache_key = where._generate_cache_key()
    transaction = model.env.transaction
    compiled = None
    if cache_key is not None:
        key = ("search", table, cache_key.key, order or model._order, limit is not None, bool(offset), columns)
        compiled = transaction.database.statements.compiled(
            key, lambda: _select(model, where, order, limit, offset, columns), extracted=cache_key.bindparams)
    if compiled is None:  # a construct SQLAlchemy cannot cache: build and run the statement as it is
        rows = transaction.execute(_select(model, where, order, limit, offset, columns)).all()
        return [list(column) for column in zip(*rows)] if rows else [[] for _name in range(len(columns) + 1)]
    values = compiled.values_from(cache_key.bindparams)
    if limit is not None:
        values[LIMIT] = limit
    if offset:
        values[OFFSET] = offset
    return compiled.run(transaction, values, columns=True)


def _select(model: Any, where: Any, order: str | None, limit: int | None, offset: int,
            columns: tuple[str, ...]) -> Any:
    table = model._table_obj
    statement = select(table.c.id, *(table.c[name] for name in columns)).where(where)
    expressions, joins = order_by(model, order, table)
    source = table
    for alias, on in joins:
        source = source.outerjoin(alias, on)
    statement = statement.select_from(source).order_by(*expressions)
    if limit is not None:
        statement = statement.limit(bindparam(LIMIT, limit, type_=Integer))
    if offset:
        statement = statement.offset(bindparam(OFFSET, offset, type_=Integer))
    return statement


def update_rows(model: Any, ids: list[int], bound: dict[str, Any], chunk: int) -> int:
    """``UPDATE table SET <bound> WHERE id IN ids`` (``id = ?`` for one id); the number of rows updated."""
    table = model._table_obj
    names = tuple(bound)
    single = len(ids) == 1

    def build() -> Any:
        condition = table.c.id == bindparam("nexa_id", 0, type_=Integer) if single else \
            table.c.id.in_(bindparam("nexa_ids", [0], expanding=True, type_=Integer))
        return table.update().where(condition).values(
            {table.c[name]: bindparam(f"nexa_v{position}", None, type_=table.c[name].type)
             for position, name in enumerate(names)})

    transaction = model.env.transaction
    compiled = transaction.database.statements.compiled(("update", table, names, single), build)
    values = {f"nexa_v{position}": bound[name] for position, name in enumerate(names)}
    if single:
        values["nexa_id"] = ids[0]
        return compiled.run(transaction, values)
    updated = 0
    for start in range(0, len(ids), chunk):
        values["nexa_ids"] = ids[start:start + chunk]
        updated += compiled.run(transaction, values)
    return updated


def insert_rows(model: Any, names: tuple[str, ...], rows: list[tuple]) -> list[int]:
    """Insert ``rows`` (bound values of the columns ``names``, in that order); their new ids, in order.

    One statement per row on one cursor, the generated id read back for each, so the ids
    are those of the rows whatever order the database assigns them in (no guess from a
    multi-row ``RETURNING``): SQLite returns the row id of each execution, PostgreSQL
    runs them as one pipelined ``executemany`` (one round trip).
    """
    table = model._table_obj
    transaction = model.env.transaction
    postgres = transaction.dialect.is_postgres

    def build() -> Any:
        statement = table.insert().values(
            {table.c[name]: bindparam(f"nexa_v{position}", None, type_=table.c[name].type)
             for position, name in enumerate(names)})
        return statement.returning(table.c.id) if postgres else statement

    compiled = transaction.database.statements.compiled(("insert", table, names, postgres), build)
    return compiled.run_each(transaction, [f"nexa_v{position}" for position in range(len(names))], rows)
