"""SQLAlchemy engines for SQLite files and PostgreSQL databases.

SQLite needs two adjustments to behave like a real transactional database:
Python's ``sqlite3`` module opens transactions lazily and commits before DDL,
which would make a failed addon install leave half-created tables behind. The
engine therefore disables the driver's own transaction handling and emits
``BEGIN`` itself (the recipe from SQLAlchemy's SQLite documentation), so DDL and
DML share one transaction, exactly as on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from nexa.db.timezones import SQLITE_FUNCTION, sqlite_in_time_zone

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
)


def driver_url(url: str) -> str:
    """Use psycopg 3 for ``postgresql://`` URLs (SQLAlchemy defaults to psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, *, pool_size: int = 5, echo: bool = False) -> Engine:
    """An engine for ``url`` (``sqlite:///path`` or ``postgresql://...``)."""
    url = driver_url(url)
    options: dict[str, Any] = {"echo": echo}
    if url.startswith("sqlite"):
        engine = create_engine(url, **options, pool_size=pool_size, max_overflow=pool_size * 2)
        _make_sqlite_transactional(engine)
        return engine
    return create_engine(url, **options, pool_size=pool_size, max_overflow=pool_size * 2,
                         pool_recycle=3600, insertmanyvalues_page_size=1000)


def _make_sqlite_transactional(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()
        dbapi_connection.create_function(SQLITE_FUNCTION, 2, sqlite_in_time_zone, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")
