"""Every difference between SQLite and PostgreSQL that the rest of Nexa cares about.

The ORM asks a :class:`Dialect` instead of testing the backend name, so that
each difference is written (and tested) once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, cast, func, literal, literal_column
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ColumnElement


@dataclass(frozen=True)
class Dialect:
    """Capabilities and SQL fragments of one database backend."""

    name: str

    @property
    def is_postgres(self) -> bool:
        return self.name == "postgresql"

    @property
    def supports_skip_locked(self) -> bool:
        """``SELECT ... FOR UPDATE SKIP LOCKED`` (job queues)."""
        return self.is_postgres

    def claim_one(self, transaction: Any, table: Any, condition: Any, order: Any) -> int | None:
        """The id of the first row of ``table`` matching ``condition``, kept by this transaction alone.

        PostgreSQL: ``SELECT ... FOR UPDATE SKIP LOCKED``; the row stays locked until the
        transaction ends and concurrent transactions take the next one. SQLite has one
        writer: a no-op ``UPDATE`` first takes the database's write lock (other writers
        wait for the commit), so the ``SELECT`` then reads the latest committed rows.
        """
        from sqlalchemy import false, select, update

        statement = select(table.c.id).where(condition).order_by(*order).limit(1)
        if self.supports_skip_locked:
            statement = statement.with_for_update(skip_locked=True)
        else:
            transaction.execute(update(table).where(false()).values(id=table.c.id))
        return transaction.execute(statement).scalar()

    @property
    def max_bound_parameters(self) -> int:
        """How many parameters one statement may bind (SQLite's limit is 32766)."""
        return 30000 if not self.is_postgres else 60000

    def like(self, column: ColumnElement, pattern: str) -> ColumnElement:
        """Case-sensitive LIKE with ``\\`` as escape character.

        SQLite's LIKE ignores ASCII case, so SQLite uses GLOB with the pattern translated.
        """
        if self.is_postgres:
            return column.like(pattern, escape="\\")
        return column.op("GLOB", is_comparison=True)(like_to_glob(pattern))

    def ilike(self, column: ColumnElement, pattern: str) -> ColumnElement:
        """Case-insensitive LIKE with ``\\`` as escape character.

        On SQLite the native LIKE already ignores ASCII case, and is three times faster
        than the ``lower(x) LIKE lower(y)`` SQLAlchemy renders for ``ilike``.
        """
        if self.is_postgres:
            return column.ilike(pattern, escape="\\")
        return column.like(pattern, escape="\\")

    def json_equal(self, column: ColumnElement, value: Any) -> ColumnElement:
        """``column`` holds the JSON document ``value`` (bound as JSON text).

        PostgreSQL has no ``json = json`` operator: both sides are compared as ``jsonb``
        (key order and spacing ignored). SQLite compares the minified texts.
        """
        document = literal(json.dumps(value), String)
        if self.is_postgres:
            return cast(column, JSONB) == cast(document, JSONB)
        return func.json(column) == func.json(document)

    def date_trunc(self, granularity: str, column: ColumnElement) -> ColumnElement:
        """Truncate a date/datetime column to day, week, month, quarter or year (as a date string)."""
        if self.is_postgres:
            return func.to_char(func.date_trunc(granularity, column), "YYYY-MM-DD")
        formats = {"day": "%Y-%m-%d", "month": "%Y-%m-01", "year": "%Y-01-01"}
        if granularity in formats:
            return func.strftime(formats[granularity], column)
        if granularity == "week":  # ISO weeks start on Monday
            return func.date(column, literal_column("'weekday 0'"), literal_column("'-6 days'"))
        if granularity == "quarter":
            month = cast(func.strftime("%m", column), Integer)
            first = (month - 1) // 3 * 3 + 1  # // : integer division (/ is true division)
            return func.printf("%s-%02d-01", func.strftime("%Y", column), first)
        raise ValueError(f"unknown date granularity {granularity!r}")

    def is_retryable(self, error: BaseException) -> bool:
        """True for errors that mean "try the whole transaction again"."""
        if not isinstance(error, DBAPIError):
            return False
        original = error.orig
        if self.is_postgres:
            return getattr(original, "sqlstate", None) in ("40001", "40P01", "55P03")
        return "database is locked" in str(original)

    def is_unique_violation(self, error: BaseException) -> bool:
        original = getattr(error, "orig", None)
        if self.is_postgres:
            return getattr(original, "sqlstate", None) == "23505"
        return "UNIQUE constraint failed" in str(original)

    def unique_violation_columns(self, error: BaseException) -> list[str]:
        """The ``table.column`` names a UNIQUE violation reports: SQLite names the columns, not the
        constraint (PostgreSQL names the constraint; empty there)."""
        if self.is_postgres:
            return []
        _before, found, columns = str(getattr(error, "orig", error)).partition("UNIQUE constraint failed: ")
        return [name.strip() for name in columns.split(",")] if found else []

    def is_check_violation(self, error: BaseException) -> bool:
        original = getattr(error, "orig", None)
        if self.is_postgres:
            return getattr(original, "sqlstate", None) == "23514"
        return "CHECK constraint failed" in str(original)

    def is_not_null_violation(self, error: BaseException) -> bool:
        original = getattr(error, "orig", None)
        if self.is_postgres:
            return getattr(original, "sqlstate", None) == "23502"
        return "NOT NULL constraint failed" in str(original)

    def is_foreign_key_violation(self, error: BaseException) -> bool:
        original = getattr(error, "orig", None)
        if self.is_postgres:
            return getattr(original, "sqlstate", None) == "23503"
        return "FOREIGN KEY constraint failed" in str(original)


def like_to_glob(pattern: str) -> str:
    """Translate a LIKE pattern (``%``, ``_``, ``\\`` escapes) into a GLOB pattern."""
    out: list[str] = []
    chars = iter(pattern)
    for char in chars:
        if char == "\\":
            literal = next(chars, "\\")
            out.append(f"[{literal}]" if literal in "*?[" else literal)
        elif char == "%":
            out.append("*")
        elif char == "_":
            out.append("?")
        elif char in "*?[":
            out.append(f"[{char}]")
        else:
            out.append(char)
    return "".join(out)


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql")


def dialect_for(name: str) -> Dialect:
    """The :class:`Dialect` for an SQLAlchemy dialect name."""
    return POSTGRESQL if name.startswith("postgres") else SQLITE
