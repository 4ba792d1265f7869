"""Where databases live: a folder of SQLite files, or a PostgreSQL server.

A :class:`DatabaseServer` lists, creates and drops databases by name and gives
the URL of each. The configuration chooses one: with no ``db_url``, SQLite files
under ``data_dir``; with ``db_url = postgresql://user@host:port[/name]``, the
databases of that PostgreSQL server (the optional path names the default one).
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from nexa.db.engine import driver_url
from nexa.exceptions import DatabaseError

DB_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")


def check_name(name: str) -> str:
    """Refuse database names that are not plain identifiers (they become file names and SQL names)."""
    if not isinstance(name, str) or not DB_NAME_PATTERN.match(name):
        raise DatabaseError(
            f"Invalid database name {name!r}: use letters, digits, '_', '.' or '-' "
            "(at most 63 characters, starting with a letter or digit)")
    return name


class DatabaseServer:
    """The interface of a place holding databases."""

    kind = ""

    def list(self) -> list[str]:
        raise NotImplementedError

    def exists(self, name: str) -> bool:
        return name in self.list()

    def url(self, name: str) -> str:
        raise NotImplementedError

    def create(self, name: str) -> None:
        raise NotImplementedError

    def drop(self, name: str) -> None:
        raise NotImplementedError


class SqliteServer(DatabaseServer):
    """Databases as ``<data_dir>/<name>.sqlite`` files."""

    kind = "sqlite"
    suffix = ".sqlite"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    def path(self, name: str) -> Path:
        return self.data_dir / f"{check_name(name)}{self.suffix}"

    def list(self) -> list[str]:
        if not self.data_dir.is_dir():
            return []
        return sorted(p.name[: -len(self.suffix)] for p in self.data_dir.glob(f"*{self.suffix}"))

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def url(self, name: str) -> str:
        return f"sqlite:///{self.path(name)}"

    def create(self, name: str) -> None:
        path = self.path(name)
        if path.exists():
            raise DatabaseError(f"Database {name!r} already exists ({path})")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path.touch()

    def drop(self, name: str) -> None:
        path = self.path(name)
        if not path.exists():
            raise DatabaseError(f"Database {name!r} does not exist ({path})")
        for extra in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{extra}").unlink(missing_ok=True)


class PostgresServer(DatabaseServer):
    """The databases of one PostgreSQL server."""

    kind = "postgresql"

    def __init__(self, server_url: str) -> None:
        self.server_url = make_url(driver_url(server_url)).set(database=None)

    def _admin(self):  # an engine on the maintenance database, outside transactions
        url = self.server_url.set(database="postgres")
        return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def list(self) -> list[str]:
        engine = self._admin()
        try:
            with engine.connect() as conn:
                rows = conn.execute(text(
                    "SELECT datname FROM pg_database WHERE NOT datistemplate "
                    "AND datname <> 'postgres' AND has_database_privilege(datname, 'CONNECT') "
                    "ORDER BY datname"))
                return [row[0] for row in rows]
        except Exception as error:
            raise DatabaseError(f"Cannot reach PostgreSQL at {self.display_url()}: {error}") from error
        finally:
            engine.dispose()

    def exists(self, name: str) -> bool:
        engine = self._admin()
        try:
            with engine.connect() as conn:
                found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name AND NOT "
                                          "datistemplate AND datname <> 'postgres'"),
                                     {"name": check_name(name)}).first()
                return found is not None
        finally:
            engine.dispose()

    def url(self, name: str) -> str:
        return self.server_url.set(database=check_name(name)).render_as_string(hide_password=False)

    def display_url(self) -> str:
        return self.server_url.render_as_string(hide_password=True)

    def _run(self, statement: str) -> None:
        engine = self._admin()
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(statement)
        finally:
            engine.dispose()

    def create(self, name: str) -> None:
        if self.exists(name):
            raise DatabaseError(f"Database {name!r} already exists on {self.display_url()}")
        quoted = self._quote(check_name(name))
        self._run(f"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0")

    def drop(self, name: str) -> None:
        if not self.exists(name):
            raise DatabaseError(f"Database {name!r} does not exist on {self.display_url()}")
        self._run(f"DROP DATABASE {self._quote(check_name(name))} WITH (FORCE)")

    @staticmethod
    def _quote(name: str) -> str:
        # the name matched DB_NAME_PATTERN (no quotes possible); quoting keeps case and dots
        return '"' + name + '"'


def server_for(db_url: str, data_dir: Path) -> tuple[DatabaseServer, str]:
    """The server a configuration points at, and the default database name it names (or "")."""
    if not db_url:
        return SqliteServer(data_dir), ""
    parsed = make_url(db_url)
    if parsed.drivername.startswith("sqlite"):
        path = Path(parsed.database or "")
        if not path.name.endswith(SqliteServer.suffix):
            raise DatabaseError(f"SQLite URLs must name a '<db>.sqlite' file, got {db_url!r}")
        return SqliteServer(path.parent), path.name[: -len(SqliteServer.suffix)]
    if parsed.drivername.startswith("postgres"):
        return PostgresServer(db_url), parsed.database or ""
    raise DatabaseError(f"Unsupported database URL {db_url!r}: use postgresql://... or sqlite:///path/name.sqlite")
