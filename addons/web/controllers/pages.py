"""The HTML pages: the client's shell at ``/web``, the login form, logout.

Pages are rendered with Jinja2 (autoescaping on). The pages hold no inline
script or style (the Content-Security-Policy forbids both): the shell hands the
session information to the client as a JSON data block, which the browser never
runs, escaped by Jinja's ``tojson``.

Logging in replaces the session with a new one (a new id), so an id planted in a
browser before login is worth nothing after it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from nexa.exceptions import AccessDenied, AccessError, NexaError
from nexa.http import csrf, rpc_routes
from nexa.http.sessions import Session, new_sid
from nexa.rpc.services import db as db_service

from .assets import shell_assets

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DEFAULT_TARGET = "/web"


@functools.lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    """The Jinja2 environment of the web addon's templates (autoescaped, strict about undefined names)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(name: str, status: int = 200, **values: Any) -> Response:
    """A ``text/html`` response of template ``name``, never cached (it holds per-session tokens)."""
    response = Response(templates().get_template(name).render(**values), status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def safe_target(target: str | None) -> str:
    """Where to go after login: a path on this server only (no scheme, no host, no ``//evil``)."""
    if not target:
        return DEFAULT_TARGET
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return DEFAULT_TARGET
    return target


def database_choices(request: Any) -> list[str]:
    """Databases the login form offers: the configured one, else the served ones (none if listing is off)."""
    configured = request.app.runtime.config.db_name
    if configured:
        return [configured]
    try:
        return db_service.exp_list(request.rpc_call)
    except AccessDenied:
        return []


def root(request: Any) -> Response:
    """``/``: the client."""
    return redirect(DEFAULT_TARGET, code=303)


def webclient(request: Any) -> Response:
    """``/web``: the shell of the single-page client, with the session info and the assets to load."""
    session = request.session
    database = request.app.runtime.database(session.db)
    installed = database.registry.load_order if database.registry is not None else ()
    return render("webclient.html", session_info=rpc_routes.session_info(request),
                  csrf_token=csrf.session_token(session),
                  assets=shell_assets(request.app.runtime.addons, installed))


def _login_page(request: Any, *, error: str = "", status: int = 200, login: str = "", db: str = "") -> Response:
    choices = database_choices(request)
    target = request.values.get("redirect") or ""
    return render("login.html", status=status, error=error, login=login, databases=choices,
                  selected_db=db or request.args.get("db") or (choices[0] if choices else ""),
                  redirect=safe_target(target) if target else "", csrf_token=csrf.session_token(request.session))


def _new_session(request: Any) -> Session:
    """Drop the browser's current session (if stored) and start a fresh one with a new id."""
    old = request.session
    if old.db and not old.new:
        request.app.sessions.delete(old.db, old.sid)
    request.session = Session(new_sid(), {}, new=True)
    return request.session


def login(request: Any) -> Response:
    """``/web/login``: the form (GET) and its submission (POST, CSRF-checked by the application)."""
    if request.method != "POST":
        if request.session.uid:
            return redirect(safe_target(request.args.get("redirect")), code=303)
        return _login_page(request)
    form = request.form
    login_name = (form.get("login") or "").strip()
    choices = database_choices(request)
    db = (form.get("db") or "").strip() or (choices[0] if len(choices) == 1 else "")
    if not db or (choices and db not in choices):
        return _login_page(request, error="Choose a database", status=400, login=login_name, db=db)
    if not login_name or not form.get("password"):
        return _login_page(request, error="Enter your login and password", status=400, login=login_name, db=db)
    _new_session(request)
    try:
        rpc_routes.session_authenticate(request, db, login_name, form.get("password") or "")
    except NexaError as error:
        request.session.logout()
        message = "Wrong login or password" if str(error) == "Wrong login/password" else str(error)
        return _login_page(request, error=message, login=login_name, db=db)
    return redirect(safe_target(form.get("redirect")), code=303)


def logout(request: Any) -> Response:
    """``/web/logout`` (POST with the session's CSRF token): end the session, back to the login form.

    A session that already expired has no token to check: the browser just goes to the login form.
    """
    if request.session.uid:
        try:
            csrf.check(request)
        except AccessError as error:
            return Response(f"403 Forbidden: {error}\n", status=403, mimetype="text/plain")
        request.session.logout()
    return redirect("/web/login", code=303)
