"""The physical limit: sqlite3 or psycopg 3 with hand-written SQL and nothing else.

No ORM can beat this on the same database, so every other figure is read as a fraction of it.
The statements are constants (only values are bound), one set per backend because the two
drivers differ in parameter markers and SQLite's ``LIKE`` is already case-insensitive for ASCII
where PostgreSQL needs ``ILIKE``. The W5 raw server runs the same page query through
``fetch_page``; it imports this module, so nothing here loads SQLAlchemy at import time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from tools.bench import common
from tools.bench.drivers import Database, ids_of

PAGE_COLUMNS = ("id", "name", "email", "phone", "is_company", "country_id")
INSERT_COLUMNS = ("name", "email", "phone", "is_company", "country_id")


@dataclass(frozen=True)
class Statements:
    """The SQL of one backend; every value is a bound parameter."""

    insert: str
    search_name: str
    search_email: str
    page: str
    write_name: str
    all_ids: str


def statements(backend: str) -> Statements:
    """The statements for ``sqlite`` (``?``, ``LIKE``) or ``pg`` (``%s``, ``ILIKE``)."""
    mark = "?" if backend == "sqlite" else "%s"
    like = "LIKE" if backend == "sqlite" else "ILIKE"
    return Statements(
        insert=f"INSERT INTO partner ({', '.join(INSERT_COLUMNS)}) "
        f"VALUES ({', '.join([mark] * len(INSERT_COLUMNS))})",
        search_name=f"SELECT id FROM partner WHERE name {like} {mark} ORDER BY id",
        search_email=f"SELECT id FROM partner WHERE email = {mark} ORDER BY id",
        page=f"SELECT {', '.join(PAGE_COLUMNS)} FROM partner ORDER BY id LIMIT {mark} OFFSET {mark}",
        write_name=f"UPDATE partner SET name = {mark} WHERE id = {mark}",
        all_ids="SELECT id FROM partner ORDER BY id",
    )


def raw_row(i: int) -> dict[str, Any]:
    """Record ``i`` as a raw ``partner`` row (``country_id`` is the country's id, 1..10)."""
    row = common.partner(i)
    row["country_id"] = row.pop("country") + 1
    return row


def fetch_page(cursor: Any, sql: Statements, offset: int, limit: int) -> list[dict[str, Any]]:
    """One page of partners as row dicts, the shape an ORM's ``search_read`` returns."""
    cursor.execute(sql.page, (limit, offset))
    return [dict(zip(PAGE_COLUMNS, row)) for row in cursor.fetchall()]


class DbapiDriver:
    """``limit-dbapi``: one cursor, one statement per workload call, ``executemany`` for W1."""

    suite = "limit-dbapi"
    system = "raw"

    def __init__(self, database: Database) -> None:
        self.database = database
        self.sql = statements(database.backend)
        self.connection = database.connect()
        self.cursor = self.connection.cursor()
        self._explicit_begin = database.backend == "sqlite"

    def reset(self) -> None:
        # Imported here so that the W5 raw server, which imports this module, never loads SQLAlchemy.
        from tools.bench.drivers.raw_core import create_schema

        create_schema(self.database)

    @contextmanager
    def transaction(self, *, readonly: bool) -> Iterator[None]:
        if self._explicit_begin:
            self.cursor.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.connection.rollback()
            raise
        self.connection.commit()

    def prepare_batch(self, indices: range) -> list[tuple[Any, ...]]:
        return [tuple(raw_row(i)[column] for column in INSERT_COLUMNS) for i in indices]

    def create_batch(self, prepared: list[tuple[Any, ...]]) -> None:
        self.cursor.executemany(self.sql.insert, prepared)

    def all_ids(self) -> list[int]:
        with self.transaction(readonly=True):
            self.cursor.execute(self.sql.all_ids)
            return ids_of(self.cursor.fetchall())

    def key_of(self, index: int) -> str:
        return common.partner(index)["email"]

    def search_name(self, term: str) -> list[int]:
        self.cursor.execute(self.sql.search_name, (f"%{term}%",))
        return ids_of(self.cursor.fetchall())

    def search_key(self, value: str) -> list[int]:
        self.cursor.execute(self.sql.search_email, (value,))
        return ids_of(self.cursor.fetchall())

    def read_page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        return fetch_page(self.cursor, self.sql, offset, limit)

    def write_name(self, record_id: int, name: str) -> None:
        self.cursor.execute(self.sql.write_name, (name, record_id))

    def close(self) -> None:
        self.connection.close()
