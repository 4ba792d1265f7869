"""The core's own routes, registered through the same hook addons use."""

from __future__ import annotations

from nexa.hooks import hookimpl
from nexa.http import health, report_routes, rpc_routes, twofactor
from nexa.http.routing import Route


@hookimpl
def nexa_http_routes() -> list[Route]:
    post = ("POST",)
    return [
        Route("/health", health.health, methods=("GET", "HEAD"), csrf=False),
        Route("/web/health", health.health, methods=("GET", "HEAD"), csrf=False),
        Route("/jsonrpc", rpc_routes.jsonrpc, methods=post, type="json"),
        Route("/xmlrpc/2/<service>", rpc_routes.xmlrpc_2, methods=post, csrf=False),
        Route("/xmlrpc/<service>", rpc_routes.xmlrpc_legacy, methods=post, csrf=False),
        Route("/web/webclient/version_info", rpc_routes.webclient_version_info, methods=post, type="json"),
        Route("/web/database/list", rpc_routes.database_list, methods=post, type="json"),
        Route("/web/session/authenticate", rpc_routes.session_authenticate, methods=post, type="json"),
        Route("/web/session/get_session_info", rpc_routes.session_get_info, methods=post, type="json",
              auth="user"),
        Route("/web/session/destroy", rpc_routes.session_destroy, methods=post, type="json"),
        Route("/web/dataset/call_kw", rpc_routes.call_kw_route, methods=post, type="json", auth="user"),
        Route("/web/dataset/call_kw/<path:path>", rpc_routes.call_kw_route, methods=post, type="json",
              auth="user"),
        *twofactor.routes(),
        Route("/report/<converter>/<report_name>/<docids>", report_routes.report, methods=("GET",),
              auth="user", csrf=False),
    ]
