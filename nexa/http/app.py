"""The WSGI application: routing, sessions, JSON/HTTP route types, headers, access log.

    from nexa.http.app import Application
    application = Application(runtime)        # a WSGI callable, for werkzeug or gunicorn

Routes come from the ``nexa_http_routes`` hook of the core plugins and of the
server-wide addons (``server_wide_addons``), so the core registers its own routes
the way addons do.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, NotFound, RequestEntityTooLarge
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from nexa.exceptions import AccessError, NexaError
from nexa.http import csrf
from nexa.http.routing import Route
from nexa.http.sessions import COOKIE, DatabaseSessionStore, RedisSessionStore, Session, new_sid, parse_cookie
from nexa.modules.loader import import_addon
from nexa.plugins import build_plugin_manager
from nexa.rpc import jsonrpc
from nexa.rpc.dispatch import signature_of
from nexa.rpc.errors import CLIENT_ERRORS, RpcTransportError, SessionExpired
from nexa.rpc.services import RpcCall
from nexa.security.inputs import check_wire_values
from nexa.security.ratelimit import MemoryRateLimiter, RedisRateLimiter

_logger = logging.getLogger("nexa.http")
_access = logging.getLogger("nexa.http.access")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
}
HTML_POLICY = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
               "connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'")
LOGIN_WINDOW = 15 * 60


class HttpRequest(Request):
    """A werkzeug request knowing its application, session and database."""

    app: Application
    session: Session

    @property
    def client_address(self) -> str:
        if self.app.runtime.config.proxy_mode and self.access_route:
            return self.access_route[0]
        return self.remote_addr or ""

    @property
    def rpc_call(self) -> RpcCall:
        return RpcCall(self.app.runtime, self.client_address, self.app.login_limiter)


class Application:
    """The Nexa WSGI application for one :class:`~nexa.runtime.Runtime`."""

    def __init__(self, runtime: Any) -> None:
        self.runtime = runtime
        config = runtime.config
        self.debug = config.dev_mode
        self.redis = None
        if config.redis_url:
            import redis

            self.redis = redis.Redis.from_url(config.redis_url)
            self.sessions: Any = RedisSessionStore(self.redis, config.session_lifetime)
            self.login_limiter: Any = RedisRateLimiter(self.redis, config.login_rate_limit, LOGIN_WINDOW)
        else:
            self.sessions = DatabaseSessionStore(runtime, config.session_lifetime)
            self.login_limiter = MemoryRateLimiter(config.login_rate_limit, LOGIN_WINDOW)
        self.plugins = build_plugin_manager(self._server_wide_packages())
        self.routes: dict[str, Route] = {}
        rules = []
        for routes in self.plugins.hook.nexa_http_routes():
            for route in routes or ():
                endpoint = f"{route.endpoint.__module__}.{route.endpoint.__qualname__}:{route.path}"
                self.routes[endpoint] = route
                rules.append(Rule(route.path, endpoint=endpoint, methods=list(route.methods)))
        self.url_map = Map(rules, strict_slashes=False)

    def _server_wide_packages(self) -> Iterable[Any]:
        names = [name.strip() for name in self.runtime.config.server_wide_addons.split(",") if name.strip()]
        for name in names:
            info = self.runtime.addons.get(name)
            if info is not None:
                module = import_addon(info)
                if module is not None:
                    yield module

    # -- WSGI ------------------------------------------------------------------------
    def __call__(self, environ: dict, start_response: Any) -> Iterable[bytes]:
        started = time.perf_counter()
        request = HttpRequest(environ)
        request.app = self
        request.max_content_length = self.runtime.config.max_request_size
        response = self.handle(request)
        self._log(request, response, time.perf_counter() - started)
        return response(environ, start_response)

    def handle(self, request: HttpRequest) -> Response:
        try:
            if (request.content_length or 0) > self.runtime.config.max_request_size:
                raise RequestEntityTooLarge(f"The request body is over {self.runtime.config.max_request_size} "
                                            "bytes (max_request_size)")
            endpoint, arguments = self.url_map.bind_to_environ(request.environ).match()
            route = self.routes[endpoint]
            request.session = self._load_session(request) if route.session else Session(new_sid(), {}, new=True)
            refused = cross_site_refusal(request)
            if refused is not None:
                return self._finish(refused)
            if route.type == "json":
                response = self._json(route, request, arguments)
            else:
                response = self._http(route, request, arguments)
            if route.session:
                self._save_session(request, response)
        except HTTPException as error:
            response = Response(f"{error.code} {error.name}: {error.description}\n", status=error.code,
                                mimetype="text/plain")
        except Exception:
            _logger.exception("Unhandled error on %s %s", request.method, request.path)
            response = Response("500 Internal Server Error\n", status=500, mimetype="text/plain")
        return self._finish(response)

    def _finish(self, response: Response) -> Response:
        """Add the security headers every response carries (and the CSP of HTML pages)."""
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", HTML_POLICY)
        return response

    # -- route types -----------------------------------------------------------------
    def _json(self, route: Route, request: HttpRequest, arguments: dict) -> Response:
        request_id = None
        try:
            decoded = jsonrpc.decode_request(request.get_data(), request.headers.get("Content-Type"),
                                             route=request.path)
        except RpcTransportError as error:
            return Response(error.text, status=error.status, mimetype="text/plain")
        request_id = decoded.id
        try:
            if route.auth == "user" and not request.session.uid:
                raise SessionExpired("Session expired: log in again")
            check_wire_values(decoded.params, f" in the parameters of {request.path}")
            result = call_endpoint(route.endpoint, request, {**decoded.params, **arguments})
            body = jsonrpc.encode_result(request_id, result)
            status = 200
        except Exception as error:  # every error becomes a JSON-RPC error object
            if not isinstance(error, CLIENT_ERRORS):
                _logger.exception("Error in %s", request.path)
            body = jsonrpc.encode_error(request_id, error, debug=self.debug)
            status = jsonrpc.error_status(error)
        return Response(body, status=status, mimetype="application/json")

    def _http(self, route: Route, request: HttpRequest, arguments: dict) -> Response:
        if route.auth == "user" and not request.session.uid:
            return redirect_to_login(request)
        if route.csrf:
            try:
                csrf.check(request)
            except AccessError as error:
                return Response(f"403 Forbidden: {error}\n", status=403, mimetype="text/plain")
        result = route.endpoint(request, **arguments)
        if isinstance(result, Response):
            return result
        return Response(result, mimetype="text/html")

    # -- sessions --------------------------------------------------------------------
    def _load_session(self, request: HttpRequest) -> Session:
        db, sid = parse_cookie(request.cookies.get(COOKIE))
        if db and sid:
            try:
                data = self.sessions.load(db, sid)
            except (NexaError, SQLAlchemyError):  # the cookie names a database that is gone or not ours
                data = None
            if data is not None:
                return Session(sid, data)
        return Session(new_sid(), {}, new=True)

    def _save_session(self, request: HttpRequest, response: Response) -> None:
        session = request.session
        secure = request.is_secure
        if session.get("anonymous_csrf") and not session.uid:
            response.set_cookie(csrf.ANONYMOUS_COOKIE, session["anonymous_csrf"], httponly=True,
                                samesite="Strict", secure=secure, path="/")
        cookie_db, cookie_sid = parse_cookie(request.cookies.get(COOKIE))
        if not session.uid and not session.pending:
            if cookie_db and cookie_sid:
                self._forget_session(cookie_db, cookie_sid)
                response.delete_cookie(COOKIE, path="/")
            return
        if cookie_db and cookie_sid and (cookie_db, cookie_sid) != (session.db, session.sid):
            self._forget_session(cookie_db, cookie_sid)  # rotated at login, or logged into another database
        if session.modified or session.new:
            self.sessions.save(session)
        response.set_cookie(COOKIE, session.cookie_value(), max_age=self.runtime.config.session_lifetime,
                            httponly=True, samesite="Lax", secure=secure, path="/")

    def _forget_session(self, db: str, sid: str) -> None:
        """Delete a stored session named by a cookie; a cookie naming a missing database is no error."""
        try:
            self.sessions.delete(db, sid)
        except (NexaError, SQLAlchemyError):
            _logger.debug("Session cookie names database %r, which cannot be opened", db)

    # -- logs ------------------------------------------------------------------------
    def _log(self, request: HttpRequest, response: Response, seconds: float) -> None:
        session = getattr(request, "session", None)
        _access.info("%s %s %s %.1fms", request.method, request.path, response.status_code, seconds * 1000,
                     extra={"http": {"method": request.method, "path": request.path,
                                     "status": response.status_code, "duration_ms": round(seconds * 1000, 2),
                                     "remote_addr": request.remote_addr,
                                     "db": session.db if session else None,
                                     "uid": session.uid if session else None}})


def cross_site_refusal(request: HttpRequest) -> Response | None:
    """A 403 for a state-changing request another site made with this browser's session cookie.

    Browsers say where a request comes from in ``Sec-Fetch-Site``; a POST from
    another site (or a sibling subdomain) carrying our session cookie is a
    cross-site request forgery attempt, whatever its content type. Requests
    without the header (scripts, RPC clients, old browsers) are judged by the
    other defences: CSRF tokens on forms, the JSON content type, SameSite cookies.
    """
    if request.method in csrf.SAFE_METHODS or COOKIE not in request.cookies:
        return None
    if request.headers.get("Sec-Fetch-Site", "").lower() in ("cross-site", "same-site"):
        return Response("403 Forbidden: cross-site request refused\n", status=403, mimetype="text/plain")
    return None


def call_endpoint(endpoint: Any, request: HttpRequest, params: dict[str, Any]) -> Any:
    """Call a JSON endpoint with the params it accepts (others are dropped, as Odoo does)."""
    signature = signature_of(endpoint)
    accepts_any = any(p.kind == p.VAR_KEYWORD for p in signature.parameters.values())
    kwargs = params if accepts_any else {k: v for k, v in params.items() if k in signature.parameters}
    return endpoint(request, **kwargs)


def redirect_to_login(request: HttpRequest) -> Response:
    from urllib.parse import quote

    from werkzeug.utils import redirect

    return redirect(f"/web/login?redirect={quote(request.full_path)}", code=303)


__all__ = ["Application", "HttpRequest", "NotFound"]
