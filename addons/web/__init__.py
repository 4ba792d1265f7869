"""The web client addon: pages (/web, /web/login[/totp], /web/logout), /web/action/*, assets, static files.

It is a server-wide addon (``server_wide_addons = base,web``), so its routes exist
whether or not a database has it installed; the application collects them through
the ``nexa_http_routes`` hook.
"""

from __future__ import annotations

from nexa.hooks import hookimpl
from nexa.http import static
from nexa.http.routing import Route

from .controllers import actions, boot, login, pages, style_bundle


@hookimpl
def nexa_http_routes() -> list[Route]:
    return [
        *static.routes(),
        Route("/", pages.root, methods=("GET",), csrf=False),
        Route("/web", pages.webclient, methods=("GET",), auth="user"),
        Route("/web/login", login.login, methods=("GET", "POST")),
        Route("/web/login/totp", login.login_totp, methods=("POST",)),
        Route("/web/logout", pages.logout, methods=("POST",), csrf=False),  # checked by the page
        Route("/web/assets/<string:bundle>.css", style_bundle.serve_styles, methods=("GET", "HEAD"),
              csrf=False, session=False),
        Route("/web/action/load", actions.load_action, methods=("POST",), type="json", auth="user"),
        Route("/web/action/boot", boot.boot_action, methods=("POST",), type="json", auth="user"),
    ]
