"""Bring a database's schema in line with a registry, and remove what an uninstall leaves.

:func:`sync_schema` creates missing tables, columns, foreign keys, indexes and
constraints and adjusts NOT NULL; :func:`fill_added_columns` then gives existing
rows the default of the new fields; :func:`drop_unused` drops the tables and
columns a registry had and the next one no longer has. Both run inside the
caller's transaction (transactional DDL on both SQLite and PostgreSQL), so a
failed install leaves the schema untouched.

SQLite cannot add NOT NULL to an existing column nor a CHECK constraint to an
existing table; required fields stay enforced by the ORM there, and the
limitation is logged once per column.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Column, Index, MetaData, Table, func, inspect, select, update
from sqlalchemy.schema import AddConstraint, CreateIndex, CreateTable, ForeignKeyConstraint

from nexa.db.ddl import add_column_sql

_logger = logging.getLogger(__name__)

#: Key of ``Transaction.data`` listing the ``(table, column)`` pairs sync_schema added.
ADDED_COLUMNS = "schema.added_columns"


def _quote(tx: Any, name: str) -> str:
    return tx.connection.dialect.identifier_preparer.quote(name)


def _add_foreign_keys(tx: Any, table: Table, columns: list[Column]) -> None:
    """PostgreSQL only: add the named FK constraints of ``columns``."""
    for column in columns:
        references = column.info.get("references")
        if references is None:
            continue
        target = Table(references.table, MetaData(), Column("id"))
        constraint = ForeignKeyConstraint([column.name], [target.c.id], name=references.name,
                                          ondelete=references.ondelete, deferrable=references.deferred or None,
                                          initially="DEFERRED" if references.deferred else None)
        Table(table.name, MetaData(), Column(column.name), constraint)
        tx.execute(AddConstraint(constraint))


def sync_schema(tx: Any, registry: Any) -> list[str]:
    """Create or alter tables so the database matches ``registry``; returns what changed."""
    connection = tx.connection
    is_postgres = tx.dialect.is_postgres
    inspector = inspect(connection)
    existing = set(inspector.get_table_names())
    changes: list[str] = []
    created: list[Table] = []
    model_tables = {cls._table_obj.name for cls in registry.models.values() if cls._table_obj is not None}
    ordered = [t for t in registry.metadata.sorted_tables if t.name in model_tables] + \
        [t for t in registry.metadata.sorted_tables if t.name not in model_tables]
    for table in ordered:
        if table.name in existing:
            continue
        tx.execute(CreateTable(table))
        for index in table.indexes:
            tx.execute(CreateIndex(index))
        created.append(table)
        changes.append(f"create table {table.name}")
    if is_postgres:
        for table in created:
            if table.name in model_tables:
                _add_foreign_keys(tx, table, list(table.columns))
    for table in ordered:
        if table.name in existing:
            changes.extend(_alter_table(tx, inspector, table))
    return changes


def fill_added_columns(env: Any) -> list[str]:
    """Give the existing rows the default of each field whose column :func:`sync_schema` just added.

    As in Odoo, an addon adding ``state = fields.Selection(..., default="draft")`` to a table
    that has rows finds them in "draft"; a required field is then made NOT NULL where the
    database can. Runs in the install transaction, once the environment of the new registry exists.
    """
    tx = env.transaction
    models = {cls._table: cls._name for cls in env.registry.models.values() if cls._table_obj is not None}
    changes = []
    for table_name, column_name in tx.data.pop(ADDED_COLUMNS, []):
        model = env[models[table_name]] if table_name in models else None
        field = model._fields.get(column_name) if model is not None else None
        if field is None or field.default is None:
            continue
        table = model._table_obj
        column = table.c[column_name]
        empty = tx.execute(select(func.count()).select_from(table).where(column.is_(None))).scalar()
        if not empty:
            continue
        default = model._default_values([column_name]).get(column_name)
        value = field.to_column(field.to_cache(default, env))
        if value is None:
            continue
        tx.execute(update(table).where(column.is_(None)).values({column_name: value}))
        changes.append(f"fill column {table_name}.{column_name}")
        if field.required and tx.dialect.is_postgres:
            # ALTER TABLE refuses to run while the UPDATE's deferred foreign key checks are pending
            tx.connection.exec_driver_sql("SET CONSTRAINTS ALL IMMEDIATE")
            changes.extend(_set_nullable(tx, table, column))
            tx.connection.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")
    env.cache.clear()
    return changes


def _alter_table(tx: Any, inspector: Any, table: Table) -> list[str]:
    changes = []
    is_postgres = tx.dialect.is_postgres
    current = {column["name"]: column for column in inspector.get_columns(table.name)}
    added = []
    for column in table.columns:
        if column.name in current:
            continue
        nullable_copy = Column(column.name, column.type, nullable=True, info=column.info)
        Table(table.name, MetaData(), nullable_copy)
        tx.connection.exec_driver_sql(add_column_sql(tx.connection.dialect, table.name, nullable_copy))
        tx.query_count += 1
        added.append(column)
        tx.data.setdefault(ADDED_COLUMNS, []).append((table.name, column.name))
        changes.append(f"add column {table.name}.{column.name}")
    if is_postgres:
        _add_foreign_keys(tx, table, added)
    for column in table.columns:
        if column.primary_key:
            continue
        was_nullable = current[column.name]["nullable"] if column.name in current else True
        if column.nullable == was_nullable:
            continue
        changes.extend(_set_nullable(tx, table, column))
    known_indexes = {index["name"] for index in inspector.get_indexes(table.name)}
    known_indexes |= {c["name"] for c in inspector.get_unique_constraints(table.name)}  # CREATE TABLE's
    for index in table.indexes:
        if index.name not in known_indexes:
            tx.execute(CreateIndex(index))
            changes.append(f"create index {index.name}")
    changes.extend(_add_constraints(tx, inspector, table, known_indexes))
    return changes


def _set_nullable(tx: Any, table: Table, column: Column) -> list[str]:
    name = f"{table.name}.{column.name}"
    if not tx.dialect.is_postgres:
        if not column.nullable:
            _logger.info("SQLite cannot add NOT NULL to existing column %s; the ORM enforces it", name)
        return []
    quoted = f"ALTER TABLE {_quote(tx, table.name)} ALTER COLUMN {_quote(tx, column.name)}"
    if column.nullable:
        tx.connection.exec_driver_sql(f"{quoted} DROP NOT NULL")
        return [f"drop not null {name}"]
    nulls = tx.execute(select(func.count()).select_from(table).where(table.c[column.name].is_(None))).scalar()
    if nulls:
        _logger.warning("Column %s is required but %d rows have no value: NOT NULL not set "
                        "(fill the values, then upgrade again)", name, nulls)
        return []
    tx.connection.exec_driver_sql(f"{quoted} SET NOT NULL")
    return [f"set not null {name}"]


def _add_constraints(tx: Any, inspector: Any, table: Table, known: set[str]) -> list[str]:
    changes = []
    checks = {c["name"] for c in inspector.get_check_constraints(table.name)} if tx.dialect.is_postgres else set()
    for constraint in table.constraints:
        name = constraint.name
        if not name or name in known or name in checks or constraint.__class__.__name__ == "PrimaryKeyConstraint":
            continue
        kind = constraint.__class__.__name__
        if kind == "UniqueConstraint":
            if tx.dialect.is_postgres:
                tx.execute(AddConstraint(constraint))
            else:
                tx.execute(CreateIndex(Index(name, *constraint.columns, unique=True)))
            changes.append(f"add unique {name}")
        elif kind == "CheckConstraint":
            if tx.dialect.is_postgres:
                tx.execute(AddConstraint(constraint))
                changes.append(f"add check {name}")
            else:
                _logger.info("SQLite cannot add CHECK %s to the existing table %s", name, table.name)
    return changes


def drop_unused(tx: Any, old: Any, new: Any) -> list[str]:
    """Drop tables and columns of registry ``old`` that registry ``new`` does not have.

    Columns go first (with their foreign keys), then tables, each before the tables it
    references; on PostgreSQL ``CASCADE`` also drops foreign keys of reference cycles.
    """
    changes = []
    inspector = inspect(tx.connection)
    existing = set(inspector.get_table_names())
    new_tables = new.metadata.tables
    for table in old.metadata.sorted_tables:
        if table.name not in new_tables or table.name not in existing:
            continue
        kept = new_tables[table.name]
        for column in table.columns:
            if column.name in kept.c:
                continue
            for index in inspector.get_indexes(table.name):
                if column.name in index["column_names"]:
                    tx.connection.exec_driver_sql(f"DROP INDEX {_quote(tx, index['name'])}")
            tx.connection.exec_driver_sql(
                f"ALTER TABLE {_quote(tx, table.name)} DROP COLUMN {_quote(tx, column.name)}")
            changes.append(f"drop column {table.name}.{column.name}")
    dropped = [table for table in old.metadata.sorted_tables if table.name in existing and table.name not in new_tables]
    cascade = " CASCADE" if tx.dialect.is_postgres else ""
    for table in _referencing_first(dropped):
        tx.connection.exec_driver_sql(f"DROP TABLE {_quote(tx, table.name)}{cascade}")
        changes.append(f"drop table {table.name}")
    return changes


def _referencing_first(tables: list[Table]) -> list[Table]:
    """``tables`` ordered so that each comes before the tables it references.

    Many2one references are kept in ``column.info`` (see nexa.db.ddl), so SQLAlchemy's
    ``sorted_tables`` does not know them.
    """
    by_name = {table.name: table for table in tables}
    referenced_by: dict[str, set[str]] = {name: set() for name in by_name}
    for table in tables:
        targets = {column.info["references"].table for column in table.columns if "references" in column.info}
        targets |= {key.target_fullname.split(".")[0] for key in table.foreign_keys}
        for target in targets - {table.name}:
            if target in referenced_by:
                referenced_by[target].add(table.name)
    ordered: list[Table] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        for referencing in sorted(referenced_by[name]):
            visit(referencing)
        ordered.append(by_name[name])

    for name in by_name:
        visit(name)
    return ordered
