"""SQLAlchemy tables of a registry: one per stored model, one per many2many relation.

The tables describe what the database *should* look like; :mod:`nexa.orm.schema`
compares them with what it does look like and brings it in line.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    UniqueConstraint,
    text,
)

from nexa.db.ddl import References
from nexa.db.naming import constraint_name, index_name


def _model_table(cls: Any, metadata: MetaData, registry: Any) -> Table:
    columns = [Column("id", Integer, primary_key=True, autoincrement=True)]
    for field in cls._column_fields:
        info = {}
        if field.type == "many2one":
            comodel = registry.models[field.comodel_name]
            if not comodel._abstract:
                # kept as information, not as a ForeignKey: see nexa.db.ddl for why
                info["references"] = References(comodel._table, field.ondelete.upper(),
                                                constraint_name(cls._table, f"{field.name}_fkey"),
                                                deferred=field.name in ("create_uid", "write_uid"))
        columns.append(Column(field.name, field.column_type(), nullable=not (field.required and not field.compute),
                              info=info))
    table = Table(cls._table, metadata, *columns)
    for field in cls._column_fields:
        if field.index:
            Index(index_name(cls._table, field.name), table.c[field.name])
    for key, definition, _message in cls._sql_constraints:
        name = constraint_name(cls._table, key)
        kind, _sep, body = definition.strip().partition("(")
        body = body.rsplit(")", 1)[0]
        if kind.strip().lower() == "unique":
            table.append_constraint(UniqueConstraint(*[c.strip() for c in body.split(",")], name=name))
        elif kind.strip().lower() == "check":
            table.append_constraint(CheckConstraint(text(body), name=name))
    return table


def _relation_table(field: Any, metadata: MetaData, registry: Any) -> Table:
    model = registry.models[field.model_name]
    comodel = registry.models[field.comodel_name]
    return Table(
        field.relation, metadata,
        Column(field.column1, Integer, ForeignKey(f"{model._table}.id", ondelete="CASCADE"), nullable=False,
               primary_key=True),
        Column(field.column2, Integer, ForeignKey(f"{comodel._table}.id", ondelete="CASCADE"), nullable=False,
               primary_key=True),
        Index(index_name(field.relation, field.column2), field.column2),
    )


def build_tables(registry: Any) -> None:
    """Create the SQLAlchemy tables of every stored model and relation of ``registry``."""
    metadata = registry.metadata
    for cls in registry.models.values():
        cls._table_obj = None
        if not cls._abstract and cls._auto:
            cls._table_obj = _model_table(cls, metadata, registry)
    for cls in registry.models.values():
        if cls._abstract:
            continue
        for field in cls._fields.values():
            if field.type != "many2many" or not field.has_relation_table:
                continue
            if field.relation not in registry.relation_tables:
                comodel = registry.models[field.comodel_name]
                if comodel._abstract:
                    continue
                registry.relation_tables[field.relation] = _relation_table(field, metadata, registry)

