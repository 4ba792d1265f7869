"""The second step of a browser login with two-factor authentication: ``POST /web/session/totp``.

``/web/session/authenticate`` (and the login form) check the password; for a
user with two-factor login they do not log the session in but leave it
*pending*: the session is stored with ``pre_uid`` and an expiry, and the answer
is ``{"uid": False, "totp_required": True}``. The client then posts the code::

    POST /web/session/totp   {"jsonrpc": "2.0", "method": "call", "params": {"code": "123456"}}

A right code (or an unused recovery code) logs the session in, with a new
session id, and returns the session info, as ``/web/session/authenticate``
does. A wrong one is refused (AccessDenied); wrong codes count against
``login_rate_limit`` per user (whatever the address, so spreading guesses over
many machines does not help), a pending session dies after
:data:`MAX_ATTEMPTS` wrong codes or :data:`PENDING_SECONDS`, and every attempt is
audited.
"""

from __future__ import annotations

import time
from typing import Any

from nexa.exceptions import AccessDenied
from nexa.http.routing import Route
from nexa.orm.env import SUPERUSER_ID, Environment
from nexa.rpc.errors import SessionExpired
from nexa.security.audit import log_login, set_request

#: Seconds a password stays good for entering the code.
PENDING_SECONDS = 5 * 60
#: Wrong codes one pending session may send before it must start over with the password.
MAX_ATTEMPTS = 5


def start_pending_login(request: Any, db: str, uid: int, login: str) -> dict[str, Any]:
    """Leave the session waiting for the code of ``uid`` (whose password was right)."""
    session = request.session
    session.rotate()
    for key in ("uid", "login", "context"):
        session.pop(key, None)
    session.update(db=db, pre_uid=uid, pre_login=login, pre_expires=time.time() + PENDING_SECONDS,
                   pre_attempts=0)
    return {"uid": False, "totp_required": True, "db": db, "username": login}


def _drop_pending(session: Any) -> None:
    for key in [key for key in session if key.startswith("pre_")]:
        del session[key]


def session_totp(request: Any, code: Any = None) -> dict[str, Any]:
    """``/web/session/totp``: finish a pending login with a TOTP or recovery code."""
    from nexa.http.rpc_routes import complete_login, describe_request

    session = request.session
    uid, db, login = session.get("pre_uid"), session.db, session.get("pre_login") or ""
    if not uid or not db or (session.get("pre_expires") or 0) < time.time():
        _drop_pending(session)
        raise SessionExpired("No login is waiting for a two-factor code: log in with your password again")
    call = request.rpc_call
    limiter, key = call.login_limiter, f"totp:{db}:{uid}"
    if limiter is not None and limiter.blocked(key):
        raise AccessDenied("Too many wrong two-factor codes: try again later")
    with request.app.runtime.database(db).transaction() as tx:
        env = Environment(tx, SUPERUSER_ID, {}, su=True)
        set_request(env, describe_request(request))
        user = env["res.users"].browse(uid)
        accepted = bool(user.exists() and user.active and user._totp_check_code(code))
        log_login(env, login, uid, success=accepted, method="totp")
        if accepted:
            log_login(env, login, uid, success=True, method="password+totp")
    if not accepted:
        if limiter is not None:
            limiter.hit(key)
        session["pre_attempts"] = (session.get("pre_attempts") or 0) + 1
        if session["pre_attempts"] >= MAX_ATTEMPTS:
            _drop_pending(session)
        raise AccessDenied("Wrong two-factor code")
    if limiter is not None:
        limiter.reset(key)
    return complete_login(request, db, uid, login)


def routes() -> list[Route]:
    """The routes of this module, registered by the base addon's ``nexa_http_routes``."""
    return [Route("/web/session/totp", session_totp, methods=("POST",), type="json")]
