"""The external API over HTTP: ``/jsonrpc``, ``/xmlrpc[/2]/<service>`` and the ``/web/`` JSON routes.

Odoo 17's routes, shapes and status codes (see docs/api.md), so that odoorpc,
odoo-client-lib, erppeek and plain ``xmlrpc.client`` scripts work unchanged.
"""

from __future__ import annotations

import logging
from typing import Any

from werkzeug.wrappers import Response

from nexa.db.transaction import retrying
from nexa.exceptions import AccessDenied
from nexa.orm.env import SUPERUSER_ID, Environment
from nexa.rpc import services, xmlrpc
from nexa.rpc.dispatch import call_kw, split_context
from nexa.rpc.errors import CLIENT_ERRORS
from nexa.rpc.services import db as db_service
from nexa.rpc.version import version_info
from nexa.security import credentials
from nexa.security.audit import log_login, set_request
from nexa.security.inputs import check_wire_values

_logger = logging.getLogger("nexa.http")


def jsonrpc(request: Any, service: str, method: str, args: Any = None) -> Any:
    """``POST /jsonrpc`` with ``{"service", "method", "args"}``."""
    return services.dispatch(request.rpc_call, service, method, args or [])


def _xmlrpc(request: Any, service: str, *, legacy: bool) -> Response:
    debug = request.app.debug
    try:
        method, params = xmlrpc.decode_request(request.get_data())
        check_wire_values(params, f" in the parameters of {service}.{method}")
        result = services.dispatch(request.rpc_call, service, method, list(params))
        body = xmlrpc.encode_result(result)
    except Exception as error:
        # the same rule as JSON routes: expected errors are the client's business, others get a traceback
        if not isinstance(error, CLIENT_ERRORS):
            _logger.exception("XML-RPC error in %s", request.path)
        body = xmlrpc.encode_fault(error, legacy=legacy, debug=debug)
    # content_type, not mimetype: XML_MIMETYPE already names the charset (werkzeug would add a second one)
    return Response(body, status=200, content_type=xmlrpc.XML_MIMETYPE)


def xmlrpc_2(request: Any, service: str) -> Response:
    """``POST /xmlrpc/2/<service>``: integer fault codes."""
    return _xmlrpc(request, service, legacy=False)


def xmlrpc_legacy(request: Any, service: str) -> Response:
    """``POST /xmlrpc/<service>``: string fault codes (odoo-client-lib's and erppeek's default)."""
    return _xmlrpc(request, service, legacy=True)


def webclient_version_info(request: Any) -> dict[str, Any]:
    """odoorpc's first call: the server version, no database needed."""
    return version_info()


def database_list(request: Any) -> list[str]:
    return db_service.exp_list(request.rpc_call)


def session_info(request: Any) -> dict[str, Any]:
    """What the web client and scripts learn about the logged-in user."""
    session = request.session
    database = request.app.runtime.database(session.db)
    with database.transaction() as tx:
        env = Environment(tx, session.uid, session.get("context") or {}, su=False)
        user = env.user
        companies = user.company_ids
        info = version_info()
        return {
            "uid": user.id, "db": session.db, "username": user.login, "name": user.name,
            "partner_id": user.partner_id.id, "user_context": dict(session.get("context") or {}),
            "is_admin": user.has_group("base.group_erp_manager"), "is_system": user.has_group("base.group_system"),
            "company_id": user.company_id.id,
            "user_companies": {"current_company": user.company_id.id,
                               "allowed_companies": {c.id: {"id": c.id, "name": c.name} for c in companies}},
            "server_version": info["server_version"], "server_version_info": info["server_version_info"],
        }


def session_authenticate(request: Any, db: str, login: str, password: str, base_location: Any = None) -> Any:
    """Log the browser session in; returns the session info (Odoo's ``/web/session/authenticate``).

    For a user with two-factor login the password only opens a *pending* session
    (no ``uid`` yet): the result is ``{"uid": False, "totp_required": True, ...}``
    and the code goes to ``/web/session/totp`` (:mod:`nexa.http.twofactor`).
    Failures count against ``login_rate_limit`` with the same key as the
    ``common`` service's login, and every attempt is audited.
    """
    call = request.rpc_call
    db = call.allowed_database(db)
    limiter, key = call.login_limiter, credentials.login_limit_key(db, login, call.remote_addr)
    if limiter is not None and limiter.blocked(key):
        raise AccessDenied(f"Too many failed logins for {login!r}: try again later")
    database = request.app.runtime.database(db)
    with database.transaction() as tx:
        env = Environment(tx, SUPERUSER_ID, {}, su=True)
        set_request(env, describe_request(request))
        result = credentials.check_login(env, login, password)
        if result.uid is None or not result.second_factor:
            log_login(env, login, result.uid, success=result.uid is not None, method=result.method or "password")
    if result.uid is None:
        if limiter is not None:
            limiter.hit(key)
        raise AccessDenied("Wrong login/password")
    if limiter is not None:
        limiter.reset(key)
    if result.second_factor:
        from nexa.http.twofactor import start_pending_login

        return start_pending_login(request, db, result.uid, login)
    return complete_login(request, db, result.uid, login)


def complete_login(request: Any, db: str, uid: int, login: str) -> dict[str, Any]:
    """Make the browser session the user's (a new session id), then return the session info."""
    database = request.app.runtime.database(db)
    with database.transaction() as tx:
        context = Environment(tx, uid, {}, su=True)["res.users"].context_get()
    session = request.session
    session.rotate()
    for key in [key for key in session if key.startswith("pre_")]:
        del session[key]
    session.update(db=db, uid=uid, login=login, context={k: v for k, v in context.items() if k != "uid"})
    return session_info(request)


def describe_request(request: Any) -> str:
    """How the audit log names an HTTP request: method, path and client address."""
    return f"{request.method} {request.path} from {request.client_address or '?'}"


def session_get_info(request: Any) -> dict[str, Any]:
    return session_info(request)


def session_destroy(request: Any) -> bool:
    request.session.logout()
    return True


def call_kw_route(request: Any, model: str, method: str, args: Any = None, kwargs: Any = None,
                  path: str = "") -> Any:
    """``/web/dataset/call_kw[/<path>]`` for the logged-in session's user, one retried transaction."""
    session = request.session
    database = request.app.runtime.database(session.db)
    _kwargs, context = split_context(kwargs)
    context = {**(session.get("context") or {}), **context}

    def work(tx: Any) -> Any:
        env = Environment(tx, session.uid, context, su=False)
        set_request(env, f"{describe_request(request)}: {model}.{method}")
        if not env["res.users"].sudo().browse(session.uid).active:
            raise AccessDenied("Your user was archived: log in again")
        plugins = tx.registry.plugins
        if plugins is not None:
            plugins.hook.nexa_before_rpc(env=env, model=model, method=method)
        return call_kw(env[model], method, args or [], kwargs or {})

    return retrying(database, work)
