"""Browser sessions: a random id in an HttpOnly cookie, the data kept on the server.

The data lives in Redis when ``redis_url`` is set (shared by every worker),
otherwise in the table ``nexa_http_session`` of the database the session is
logged into. A session that is not logged into any database holds nothing
worth keeping and is not stored (the login form's CSRF protection uses a
double-submit cookie instead, see :mod:`nexa.http.csrf`). The cookie value names the database and the session
(``<db>~<token>``) so the store can be found without a global table.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

from sqlalchemy import Column, Float, MetaData, String, Table, Text, delete, insert, inspect, select, update

COOKIE = "session_id"
SEPARATOR = "~"

_meta = MetaData()
SESSION_TABLE = Table("nexa_http_session", _meta, Column("sid", String(64), primary_key=True),
                      Column("data", Text, nullable=False), Column("expires", Float, nullable=False, index=True))


class Session(dict):
    """The data of one browser session (``db``, ``uid``, ``login``, ``context``, ``csrf_token``)."""

    def __init__(self, sid: str, data: dict[str, Any] | None = None, *, new: bool = False) -> None:
        super().__init__(data or {})
        self.sid = sid
        self.new = new
        self.modified = new

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.modified = True

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().update(*args, **kwargs)
        self.modified = True

    @property
    def db(self) -> str | None:
        return self.get("db")

    @property
    def uid(self) -> int | None:
        return self.get("uid")

    def cookie_value(self) -> str:
        return f"{self.db}{SEPARATOR}{self.sid}" if self.db else self.sid

    def rotate(self) -> None:
        """Give the session a new id (at login), so an id known before login is worth nothing after."""
        self.sid = new_sid()
        self.modified = True

    @property
    def pending(self) -> bool:
        """True while a two-factor login waits for its code (password checked, no ``uid`` yet)."""
        return bool(self.get("pre_uid")) and not self.uid

    def logout(self) -> None:
        for key in [key for key in self if key in ("uid", "login", "context", "db") or key.startswith("pre_")]:
            self.pop(key, None)
        self.modified = True


def new_sid() -> str:
    return secrets.token_urlsafe(48)


def parse_cookie(value: str | None) -> tuple[str | None, str | None]:
    """``(db, sid)`` from a cookie value (``db`` is None for an anonymous session)."""
    if not value:
        return None, None
    db, separator, sid = value.rpartition(SEPARATOR)
    if not separator:
        return None, value
    return db or None, sid or None


def delete_expired_sessions(connection: Any, now: float | None = None) -> int:
    """Delete the expired sessions kept in the database of ``connection``; return how many.

    Saving a session already deletes expired ones; this is for databases nobody logs into
    any more (``ir.autovacuum`` calls it). Redis expires its sessions by itself.
    """
    if not inspect(connection).has_table(SESSION_TABLE.name):
        return 0
    moment = time.time() if now is None else now
    return connection.execute(delete(SESSION_TABLE).where(SESSION_TABLE.c.expires < moment)).rowcount


class DatabaseSessionStore:
    """Sessions of logged-in users in the ``nexa_http_session`` table of their database."""

    def __init__(self, runtime: Any, lifetime: int) -> None:
        self.runtime = runtime
        self.lifetime = lifetime
        self._ready: set[str] = set()

    def _engine(self, db: str, *, create: bool = True) -> Any:
        """The engine of ``db`` once it has the session table (made only when ``create``), else None.

        Loading never creates the table: the cookie names the database, and a client
        must not make the server write into any database it names (``template1``...).
        """
        database = self.runtime.open(db)
        if db not in self._ready:
            with database.engine.begin() as connection:
                if not inspect(connection).has_table(SESSION_TABLE.name):
                    if not create:
                        return None
                    SESSION_TABLE.create(connection)
            self._ready.add(db)
        return database.engine

    def load(self, db: str, sid: str) -> dict[str, Any] | None:
        engine = self._engine(db, create=False)
        if engine is None:
            return None
        with engine.begin() as connection:
            row = connection.execute(select(SESSION_TABLE.c.data, SESSION_TABLE.c.expires)
                                     .where(SESSION_TABLE.c.sid == sid)).first()
        if row is None or row[1] < time.time():
            return None
        return json.loads(row[0])

    def save(self, session: Session) -> None:
        payload = {"data": json.dumps(dict(session)), "expires": time.time() + self.lifetime}
        with self._engine(session.db).begin() as connection:
            done = connection.execute(update(SESSION_TABLE).where(SESSION_TABLE.c.sid == session.sid)
                                      .values(**payload)).rowcount
            if not done:
                connection.execute(insert(SESSION_TABLE).values(sid=session.sid, **payload))
            connection.execute(delete(SESSION_TABLE).where(SESSION_TABLE.c.expires < time.time()))

    def delete(self, db: str, sid: str) -> None:
        engine = self._engine(db, create=False)
        if engine is None:
            return
        with engine.begin() as connection:
            connection.execute(delete(SESSION_TABLE).where(SESSION_TABLE.c.sid == sid))


class RedisSessionStore:
    """Sessions in Redis, expiring by themselves."""

    def __init__(self, client: Any, lifetime: int, prefix: str = "nexa:session:") -> None:
        self.client = client
        self.lifetime = lifetime
        self.prefix = prefix

    def _key(self, db: str, sid: str) -> str:
        return f"{self.prefix}{db}:{sid}"

    def load(self, db: str, sid: str) -> dict[str, Any] | None:
        raw = self.client.get(self._key(db, sid))
        return json.loads(raw) if raw else None

    def save(self, session: Session) -> None:
        self.client.set(self._key(session.db, session.sid), json.dumps(dict(session)), ex=self.lifetime)

    def delete(self, db: str, sid: str) -> None:
        self.client.delete(self._key(db, sid))
