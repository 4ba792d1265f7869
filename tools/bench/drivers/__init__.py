"""The contract every benchmark driver meets, and the databases drivers run on.

A driver is one *system* measured in-process (raw DB-API, SQLAlchemy Core, Tryton, Nexa). The
workload loops live once, in ``tools.bench.timing``, and call only the methods below, so every
system does exactly the same work between the same two clock readings. Work that must not be
timed (turning record numbers into the system's own input, listing ids) has its own method.

This module is stdlib-only at import time: the Tryton worker imports it inside Tryton's virtual
environment, where neither psycopg 3 nor SQLAlchemy is installed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tools.bench import common


class DriverUnavailable(RuntimeError):
    """A system cannot run here (not installed, not written yet); the runner reports and goes on."""


class CheckFailed(RuntimeError):
    """A driver returned a wrong answer: its timing would be meaningless, so the run stops."""


class Driver(Protocol):
    """One system under test, bound to one database that already holds the countries."""

    suite: str  # the name in the output: limit-dbapi, limit-core, tryton-flat, tryton-party, nexa
    system: str  # raw, tryton or nexa

    def reset(self) -> None:
        """Empty the partner table(s), so a run starts from nothing (untimed)."""

    def transaction(self, *, readonly: bool) -> AbstractContextManager[None]:
        """One transaction around a block of calls, committed at its end."""

    def prepare_batch(self, indices: range) -> Any:
        """Turn record numbers into this system's create input (untimed)."""

    def create_batch(self, prepared: Any) -> None:
        """Create one prepared batch: one ORM ``create(list)`` or one ``executemany``."""

    def all_ids(self) -> list[int]:
        """Every partner id in creation (id) order (untimed)."""

    def key_of(self, index: int) -> str:
        """The W2b lookup value of record ``index`` (its email, or its code for party.party)."""

    def search_name(self, term: str) -> list[int]:
        """W2a: ids whose name contains ``term`` case-insensitively, ordered by id."""

    def search_key(self, value: str) -> list[int]:
        """W2b: ids whose indexed key equals ``value``, ordered by id."""

    def read_page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        """W3: one page of the W3 fields (and id), ordered by id."""

    def write_name(self, record_id: int, name: str) -> None:
        """W4: write ``name`` on one record (one ORM write or one UPDATE)."""

    def close(self) -> None:
        """Release connections."""


@dataclass(frozen=True)
class Database:
    """One benchmark database: a SQLite file under ``directory`` or a PostgreSQL database."""

    backend: str
    name: str
    directory: Path

    def __post_init__(self) -> None:
        if self.backend not in common.BACKENDS:
            raise ValueError(f"unknown backend {self.backend!r}; choose one of {', '.join(common.BACKENDS)}")
        if not self.name.startswith(common.DATABASE_PREFIX):
            raise ValueError(f"database {self.name!r} must be named {common.DATABASE_PREFIX}*")

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file (Tryton's naming: ``<path>/<name>.sqlite``)."""
        return self.directory / f"{self.name}.sqlite"

    @property
    def pg_dsn(self) -> str:
        """The libpq connection string of the PostgreSQL database."""
        return f"host={common.PG_HOST} port={common.PG_PORT} user={common.PG_USER} dbname={self.name}"

    def sqlalchemy_url(self) -> str:
        """The SQLAlchemy URL (pysqlite or psycopg 3)."""
        if self.backend == "sqlite":
            return f"sqlite:///{self.sqlite_path}"
        return f"postgresql+psycopg://{common.PG_USER}@{common.PG_HOST}:{common.PG_PORT}/{self.name}"

    def connect(self, *, autocommit: bool = False) -> Any:
        """A DB-API connection with the workload's settings.

        SQLite connections are always in autocommit mode (``isolation_level=None``) and callers
        open transactions with an explicit ``BEGIN``, so reads are in a transaction too.
        """
        if self.backend == "sqlite":
            connection = sqlite3.connect(self.sqlite_path, isolation_level=None, check_same_thread=False)
            apply_sqlite_pragmas(connection)
            return connection
        import psycopg

        return psycopg.connect(self.pg_dsn, autocommit=autocommit)

    def create(self) -> None:
        """Create the database empty, dropping any leftover of an earlier run."""
        self.drop()
        if self.backend == "sqlite":
            self.directory.mkdir(parents=True, exist_ok=True)
            self.sqlite_path.touch()
        else:
            self._pg_admin("CREATE DATABASE {}")

    def drop(self) -> None:
        """Remove the database (and SQLite's WAL files)."""
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.sqlite_path}{suffix}").unlink(missing_ok=True)
        else:
            self._pg_admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")

    def _pg_admin(self, template: str) -> None:
        import psycopg
        from psycopg import sql

        dsn = f"host={common.PG_HOST} port={common.PG_PORT} user={common.PG_USER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(sql.SQL(template).format(sql.Identifier(self.name)))


def apply_sqlite_pragmas(connection: Any) -> None:
    """The pragmas trytond sets, applied by every driver so SQLite runs identically for all."""
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")


def ids_of(rows: Sequence[Sequence[Any]]) -> list[int]:
    """The first column of ``rows``: how a DB-API search returns its ids."""
    return [row[0] for row in rows]

