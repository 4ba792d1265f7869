"""The raw limit through SQLAlchemy 2 Core, and the one schema both raw drivers use.

Core is what Nexa's ORM compiles to, so ``limit-core`` is the floor for Nexa's own overhead; the
DB-API driver is the floor for anything in Python. The schema is exactly WORKLOAD.md's: the five
columns, an integer key, a foreign key to ``country`` and an index on ``email``, no audit
columns. It is made by ``create_schema`` for both raw drivers so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    insert,
    select,
    update,
)

from tools.bench import common
from tools.bench.drivers import Database, apply_sqlite_pragmas
from tools.bench.drivers.raw_dbapi import raw_row

metadata = MetaData()
country = Table(
    "country",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(2), nullable=False),
    Column("name", String, nullable=False),
)
partner = Table(
    "partner",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("email", String, nullable=False, index=True),
    Column("phone", String),
    Column("is_company", Boolean),
    Column("country_id", Integer, ForeignKey("country.id")),
)
PAGE_COLUMNS = (partner.c.id, partner.c.name, partner.c.email, partner.c.phone, partner.c.is_company,
                partner.c.country_id)


def make_engine(database: Database) -> Engine:
    """An engine with the workload's SQLite pragmas and real BEGINs (pysqlite's own are lazy)."""
    engine = create_engine(database.sqlalchemy_url())
    if database.backend == "sqlite":

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            apply_sqlite_pragmas(dbapi_connection)

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            connection.exec_driver_sql("BEGIN")

    return engine


def create_schema(database: Database) -> None:
    """Drop and re-create the raw tables, with the 10 countries (ids 1..10)."""
    engine = make_engine(database)
    try:
        with engine.begin() as connection:
            metadata.drop_all(connection)
            metadata.create_all(connection)
            connection.execute(
                insert(country),
                [{"id": n, "code": code, "name": name} for n, (code, name) in enumerate(common.COUNTRIES, 1)],
            )
    finally:
        engine.dispose()


class CoreDriver:
    """``limit-core``: each workload call is one Core statement on one pooled connection."""

    suite = "limit-core"
    system = "raw"

    def __init__(self, database: Database) -> None:
        self.database = database
        self.engine = make_engine(database)
        self.connection: Connection | None = None

    def reset(self) -> None:
        create_schema(self.database)

    @contextmanager
    def transaction(self, *, readonly: bool) -> Iterator[None]:
        with self.engine.begin() as connection:
            self.connection = connection
            try:
                yield
            finally:
                self.connection = None

    def prepare_batch(self, indices: range) -> list[dict[str, Any]]:
        return [raw_row(i) for i in indices]

    def create_batch(self, prepared: list[dict[str, Any]]) -> None:
        self.connection.execute(insert(partner), prepared)

    def all_ids(self) -> list[int]:
        with self.engine.connect() as connection:
            return list(connection.scalars(select(partner.c.id).order_by(partner.c.id)))

    def key_of(self, index: int) -> str:
        return common.partner(index)["email"]

    def search_name(self, term: str) -> list[int]:
        statement = select(partner.c.id).where(partner.c.name.ilike(f"%{term}%")).order_by(partner.c.id)
        return list(self.connection.scalars(statement))

    def search_key(self, value: str) -> list[int]:
        statement = select(partner.c.id).where(partner.c.email == value).order_by(partner.c.id)
        return list(self.connection.scalars(statement))

    def read_page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        statement = select(*PAGE_COLUMNS).order_by(partner.c.id).offset(offset).limit(limit)
        return [dict(row) for row in self.connection.execute(statement).mappings()]

    def write_name(self, record_id: int, name: str) -> None:
        self.connection.execute(update(partner).where(partner.c.id == record_id).values(name=name))

    def close(self) -> None:
        self.engine.dispose()
