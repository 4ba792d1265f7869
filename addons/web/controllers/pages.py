"""The HTML pages: the client's shell at ``/web`` and logout (the login form is in :mod:`.login`).

Pages are rendered with Jinja2 (autoescaping on). The pages hold no inline
script or style (the Content-Security-Policy forbids both): the shell hands the
session information to the client as a JSON data block, which the browser never
runs, escaped by Jinja's ``tojson``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from nexa.exceptions import AccessError
from nexa.http import csrf, rpc_routes
from nexa.http.app import HTML_POLICY
from nexa.http.static import static_etag

from .assets import shell_assets

WEB_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = WEB_ROOT / "templates"
DEFAULT_TARGET = "/web"


def web_static(path: str) -> str:
    """The URL of the web addon's static file ``path`` (``img/logo.svg``), pinned to its version.

    Pinned URLs are cached for a year: the browser asks for them once, not at every page.
    """
    return f"/web/static/{path}?v={static_etag(WEB_ROOT, path)}"


@functools.lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    """The Jinja2 environment of the web addon's templates (autoescaped, strict about undefined names)."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.globals["web_static"] = web_static
    return environment


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


def root(request: Any) -> Response:
    """``/``: the client."""
    return redirect(DEFAULT_TARGET, code=303)


def webclient(request: Any) -> Response:
    """``/web``: the shell of the single-page client, with the session info and the assets to load."""
    session = request.session
    database = request.app.runtime.database(session.db)
    installed = database.registry.load_order if database.registry is not None else ()
    assets = shell_assets(request.app.runtime.addons, installed)
    response = render("webclient.html", session_info=rpc_routes.session_info(request),
                      csrf_token=csrf.session_token(session), assets=assets)
    # the inline import map is the only inline script allowed, by its hash
    response.headers["Content-Security-Policy"] = HTML_POLICY.replace(
        "script-src 'self'", f"script-src 'self' {assets.import_map_hash}")
    return response


def logout(request: Any) -> Response:
    """``/web/logout`` (POST with the session's CSRF token): end the session, back to the login form.

    It also abandons a two-factor login waiting for its code ("Use another account"). A session that
    already expired has no token to check: the browser just goes to the login form.
    """
    if request.session.uid or request.session.pending:
        try:
            csrf.check(request)
        except AccessError as error:
            return Response(f"403 Forbidden: {error}\n", status=403, mimetype="text/plain")
        request.session.logout()
    return redirect("/web/login", code=303)
