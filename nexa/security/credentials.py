"""Checking who calls: login with a password or an API key, and the per-call check of RPC.

The external API is stateless: every ``execute_kw`` carries ``(db, uid,
password)``. Hashing the password again on every call would cost a PBKDF2 run
each time, so a successful password check is remembered (in process memory) as
``(db, uid, sha256(password)) -> the stored hash it matched``; the next call
reads the user's current hash (one small query) and accepts the cached
verdict only if the hash has not changed since. Changing a password therefore
invalidates every cached check at once. API keys are verified on every call
(an HMAC, cheap), so a revoked key stops working at once.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

from sqlalchemy import select

from nexa.exceptions import AccessDenied

_cache: dict[tuple[str, int, str], str] = {}
_cache_lock = threading.Lock()
CACHE_SIZE = 4096


def _secret_digest(password: str) -> str:
    return hashlib.sha256(password.encode("utf-8", "surrogatepass")).hexdigest()


def _user_row(env: Any, uid: int) -> tuple[bool, str | None] | None:
    users = env.registry.models["res.users"]._table_obj
    row = env.transaction.execute(select(users.c.active, users.c.password_hash).where(users.c.id == uid)).first()
    return None if row is None else (bool(row[0]), row[1])


def authenticate(env: Any, login: str, password: str) -> int | None:
    """The uid for ``login`` and a password or API key, or None (never raises for bad credentials)."""
    if not isinstance(login, str) or not isinstance(password, str) or not login or not password:
        return None
    users = env(su=True)["res.users"]
    uid = users._authenticate(login, password)
    if uid is not None:
        _remember(env, uid, password)
        return uid
    owner = env(su=True)["res.users.apikeys"]._check_key(password)
    if owner is not None and users.browse(owner).login == login:
        return owner
    return None


def check(env: Any, uid: Any, password: Any) -> int:
    """Verify the ``(uid, password)`` of an RPC call; return the uid or raise AccessDenied."""
    if not isinstance(password, str) or not password or isinstance(uid, bool):
        raise AccessDenied()
    if not isinstance(uid, int):
        try:  # Odoo passes the uid through int(): "2" is accepted
            uid = int(uid)
        except (TypeError, ValueError):
            raise AccessDenied() from None
    row = _user_row(env, uid)
    if row is None or not row[0]:
        raise AccessDenied()
    key = (env.transaction.database.name, uid, _secret_digest(password))
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and cached == (row[1] or ""):
        return uid
    if env(su=True)["res.users"].browse(uid)._check_password(password):
        _remember(env, uid, password)
        return uid
    if env(su=True)["res.users.apikeys"]._check_key(password) == uid:
        return uid  # keys are cheap to verify and can be revoked: never cached
    raise AccessDenied()


def _remember(env: Any, uid: int, password: str) -> None:
    row = _user_row(env, uid)
    if row is None:
        return
    key = (env.transaction.database.name, uid, _secret_digest(password))
    with _cache_lock:
        if len(_cache) >= CACHE_SIZE:
            _cache.clear()
        _cache[key] = row[1] or ""


def forget(db_name: str | None = None) -> None:
    """Drop cached checks (of one database, or all)."""
    with _cache_lock:
        for key in [k for k in _cache if db_name is None or k[0] == db_name]:
            del _cache[key]
