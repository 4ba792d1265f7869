"""Checking who calls: login with a password or an API key, and the per-call check of RPC.

The external API is stateless: every ``execute_kw`` carries ``(db, uid,
password)``. Hashing the password again on every call would cost a PBKDF2 run
each time, so a successful password check is remembered (in process memory) as
``(db, uid, sha256(password)) -> (the stored hash it matched, security token)``.
While the database's security signal has not moved since (no user, group, right
or rule changed: :mod:`nexa.security.access`), the next call accepts the verdict
without a query; once it moved, the call reads the user's current hash (one small
query) and accepts the verdict only if the hash has not changed. Changing a
password, deactivating a user or turning on two-factor login (writes of
``res.users``, which move the signal) therefore invalidates every cached check.
API keys are verified on every call (an HMAC, cheap), so a revoked key stops
working at once.

A user with two-factor login (``totp_enabled``) proves a password *and* a code
in the browser; the external API cannot ask for a code, so it refuses their
password and accepts only an API key (which they created after both factors).
:func:`check_login` tells the browser login that a code is still due.

Every login attempt (not the per-call checks) is written to the audit log.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import false, select

from nexa.exceptions import AccessDenied
from nexa.security.access import CHANGED
from nexa.security.audit import log_login

_cache: dict[tuple[str, int, str], tuple[str, Any]] = {}
_cache_lock = threading.Lock()
CACHE_SIZE = 4096


def _secret_digest(password: str) -> str:
    return hashlib.sha256(password.encode("utf-8", "surrogatepass")).hexdigest()


def _user_row(env: Any, uid: int) -> tuple[bool, str | None, bool] | None:
    """``(active, password hash, two-factor on)`` of a user, or None."""
    users = env.registry.models["res.users"]._table_obj
    totp = users.c.totp_secret.is_not(None) if "totp_secret" in users.c else false()
    row = env.transaction.execute(select(users.c.active, users.c.password_hash, totp)
                                  .where(users.c.id == uid)).first()
    return None if row is None else (bool(row[0]), row[1], bool(row[2]))


def login_limit_key(db: str, login: Any, remote_addr: str) -> str:
    """The rate-limiter key of failed logins: per database, login and client address.

    The ``common`` service's ``authenticate`` and the browser login must count
    failures under the same key, so neither door resets the other's count.
    """
    return f"login:{db}:{login}:{remote_addr}"


@dataclass(frozen=True)
class LoginCheck:
    """What a login and a secret prove: who (``uid``), how, and whether a TOTP code is still due."""

    uid: int | None
    method: str = ""  # "password" or "apikey"
    second_factor: bool = False

    @property
    def rpc_uid(self) -> int | None:
        """The uid the external API accepts: no password of a user whose login needs a code."""
        return None if self.second_factor else self.uid


def check_login(env: Any, login: str, password: str) -> LoginCheck:
    """Check ``login`` with a password or an API key (never raises for bad credentials)."""
    if not isinstance(login, str) or not isinstance(password, str) or not login or not password:
        return LoginCheck(None)
    users = env(su=True)["res.users"]
    uid = users._authenticate(login, password)
    if uid is not None:
        row = _user_row(env, uid)
        return LoginCheck(uid, "password", bool(row and row[2]))
    owner = env(su=True)["res.users.apikeys"]._check_key(password)
    if owner is not None and users.browse(owner).login == login:
        return LoginCheck(owner, "apikey")
    return LoginCheck(None)


def authenticate(env: Any, login: str, password: str) -> int | None:
    """The uid for ``login`` and a password or API key, or None (the external API's login).

    A user with two-factor login gets None for their password: only an API key
    logs them in here. The attempt is written to the audit log.
    """
    result = check_login(env, login, password)
    uid = result.rpc_uid
    if isinstance(login, str) and login:
        reason = "two-factor login: use an API key" if result.second_factor else ""
        log_login(env, login, result.uid, success=uid is not None, method=result.method or "password",
                  reason=reason)
    if uid is not None and result.method == "password":
        _remember(env, uid, password)
    return uid


def check(env: Any, uid: Any, password: Any) -> int:
    """Verify the ``(uid, password)`` of an RPC call; return the uid or raise AccessDenied."""
    if not isinstance(password, str) or not password or isinstance(uid, bool):
        raise AccessDenied()
    if not isinstance(uid, int):
        try:  # Odoo passes the uid through int(): "2" is accepted
            uid = int(uid)
        except (TypeError, ValueError):
            raise AccessDenied() from None
    key = (env.transaction.database.name, uid, _secret_digest(password))
    with _cache_lock:
        cached = _cache.get(key)
    token = env.transaction.security_token
    if cached is not None and token is not None and cached[1] == token and not env.transaction.data.get(CHANGED):
        return uid  # verified while nothing about users had changed, and nothing has since
    row = _user_row(env, uid)
    if row is None or not row[0]:
        raise AccessDenied()
    two_factor = row[2]
    if cached is not None and cached[0] == (row[1] or "") and not two_factor:
        _store(key, cached[0], None if env.transaction.data.get(CHANGED) else token)
        return uid
    if not two_factor and env(su=True)["res.users"].browse(uid)._check_password(password):
        _remember(env, uid, password)
        return uid
    if env(su=True)["res.users.apikeys"]._check_key(password) == uid:
        return uid  # keys are cheap to verify and can be revoked: never cached
    raise AccessDenied()


def _remember(env: Any, uid: int, password: str) -> None:
    row = _user_row(env, uid)
    if row is None:
        return
    token = None if env.transaction.data.get(CHANGED) else env.transaction.security_token
    _store((env.transaction.database.name, uid, _secret_digest(password)), row[1] or "", token)


def _store(key: tuple[str, int, str], password_hash: str, token: Any) -> None:
    with _cache_lock:
        if len(_cache) >= CACHE_SIZE:
            _cache.clear()
        _cache[key] = (password_hash, token)


def forget(db_name: str | None = None) -> None:
    """Drop cached checks (of one database, or all)."""
    with _cache_lock:
        for key in [k for k in _cache if db_name is None or k[0] == db_name]:
            del _cache[key]
