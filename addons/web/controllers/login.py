"""The login form at ``/web/login``: the password, then, for a user with two-factor login, the code.

Both steps are plain HTML forms (no script needed), protected by the double-submit
CSRF cookie of :mod:`nexa.http.csrf`. They call the same functions as the JSON
routes, so the rules are the same wherever a browser logs in:

1. ``POST /web/login`` checks the password (``session_authenticate``: rate limits,
   audit). A user without two-factor login is logged in with a new session id and
   sent to ``redirect``. For a two-factor user the session becomes *pending* (the
   password was right, no ``uid`` yet) and the page asks for the code.
2. ``POST /web/login/totp`` checks a TOTP or recovery code
   (:func:`nexa.http.twofactor.session_totp`: wrong codes count against the user's
   rate limit, a pending login dies after five of them or five minutes). A right
   code logs the session in (new id) and goes on to ``redirect``.

While a login is pending, ``GET /web/login`` shows the code step again (a reload
keeps the user where they were); "Use another account" posts to ``/web/logout``,
which abandons it.
"""

from __future__ import annotations

import time
from typing import Any

from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from nexa.exceptions import AccessDenied, NexaError
from nexa.http import csrf, rpc_routes, twofactor
from nexa.http.sessions import Session, new_sid
from nexa.rpc.errors import SessionExpired
from nexa.rpc.services import db as db_service

from .pages import render, safe_target

WRONG_PASSWORD = "Wrong login or password"
WRONG_CODE = "Wrong code: check the code your authenticator app shows now and try again"
CODE_TIMED_OUT = "The time to enter the code ran out: log in with your password again"
TOO_MANY_CODES = "Too many wrong codes: log in with your password again"


def database_choices(request: Any) -> list[str]:
    """Databases the login form offers: the configured one, else the served ones (none if listing is off)."""
    configured = request.app.runtime.config.db_name
    if configured:
        return [configured]
    try:
        return db_service.exp_list(request.rpc_call)
    except AccessDenied:
        return []


def _target(request: Any) -> str:
    target = request.values.get("redirect") or ""
    return safe_target(target) if target else ""


def password_page(request: Any, *, error: str = "", status: int = 200, login: str = "", db: str = "") -> Response:
    """The first step: database (when there is a choice), login and password."""
    choices = database_choices(request)
    return render("login.html", status=status, step="password", error=error, login=login, databases=choices,
                  selected_db=db or request.args.get("db") or (choices[0] if choices else ""),
                  redirect=_target(request), csrf_token=csrf.session_token(request.session, request.cookies))


def code_page(request: Any, *, error: str = "", attempts_left: int | None = None) -> Response:
    """The second step of a pending two-factor login: the code."""
    return render("login.html", step="totp", error=error, attempts_left=attempts_left,
                  login=request.session.get("pre_login") or "", redirect=_target(request),
                  csrf_token=csrf.session_token(request.session, request.cookies))


def _new_session(request: Any) -> Session:
    """Drop the browser's current session (if stored) and start a fresh one with a new id."""
    old = request.session
    if old.db and not old.new:
        request.app.sessions.delete(old.db, old.sid)
    request.session = Session(new_sid(), {}, new=True)
    return request.session


def _pending_alive(session: Session) -> bool:
    return session.pending and (session.get("pre_expires") or 0) >= time.time()


def login(request: Any) -> Response:
    """``/web/login``: the form (GET) and its submission (POST, CSRF-checked by the application)."""
    session = request.session
    if request.method != "POST":
        if session.uid:
            return redirect(safe_target(request.args.get("redirect")), code=303)
        if _pending_alive(session):
            return code_page(request)
        if session.pending:
            session.logout()  # the stored pending session is forgotten when the response is sent
        return password_page(request)
    form = request.form
    login_name = (form.get("login") or "").strip()
    choices = database_choices(request)
    db = (form.get("db") or "").strip() or (choices[0] if len(choices) == 1 else "")
    if not db or (choices and db not in choices):
        return password_page(request, error="Choose a database", status=400, login=login_name, db=db)
    if not login_name or not form.get("password"):
        return password_page(request, error="Enter your login and password", status=400, login=login_name, db=db)
    _new_session(request)
    try:
        rpc_routes.session_authenticate(request, db, login_name, form.get("password") or "")
    except NexaError as error:
        request.session.logout()
        message = WRONG_PASSWORD if str(error) == "Wrong login/password" else str(error)
        return password_page(request, error=message, login=login_name, db=db)
    if request.session.pending:
        return code_page(request)
    return redirect(safe_target(form.get("redirect")), code=303)


def login_totp(request: Any) -> Response:
    """``POST /web/login/totp``: the code of a pending two-factor login (CSRF-checked by the application)."""
    session = request.session
    login_name, db = session.get("pre_login") or "", session.db or ""
    if not session.pending:
        return password_page(request, error=CODE_TIMED_OUT, login=login_name, db=db)
    try:
        twofactor.session_totp(request, (request.form.get("code") or "").strip())
    except SessionExpired:
        return password_page(request, error=CODE_TIMED_OUT, login=login_name, db=db)
    except AccessDenied as error:
        if not request.session.pending:
            return password_page(request, error=TOO_MANY_CODES, login=login_name, db=db)
        if str(error) != "Wrong two-factor code":
            return code_page(request, error=str(error))  # rate-limited: the message says what to do
        left = twofactor.MAX_ATTEMPTS - int(request.session.get("pre_attempts") or 0)
        return code_page(request, error=WRONG_CODE, attempts_left=left)
    return redirect(safe_target(request.form.get("redirect")), code=303)
