"""The ``object`` service: ``execute`` and ``execute_kw`` on models, one transaction per call."""

from __future__ import annotations

from typing import Any

from nexa.db.transaction import retrying
from nexa.exceptions import AccessDenied
from nexa.orm.env import Environment
from nexa.rpc.dispatch import call_kw, split_context
from nexa.rpc.services.base import RpcCall, call_method, method_table
from nexa.security import credentials
from nexa.security.audit import set_request


def execute_model_call(call: RpcCall, db: str, uid: Any, password: Any, model: str, method: str,
                       args: Any, kwargs: Any) -> Any:
    """Verify the credentials, then run ``model.method(*args, **kwargs)`` in one retried transaction.

    Wrong passwords count against ``login_rate_limit`` per uid and address, like
    failed logins: every call carries the password, so it is a login attempt too.
    """
    database = call.runtime.database(call.allowed_database(db))
    _kwargs, context = split_context(kwargs)
    limiter, key = call.login_limiter, f"uid:{database.name}:{str(uid)[:40]}:{call.remote_addr}"
    if limiter is not None and limiter.blocked(key):
        raise AccessDenied(f"Too many failed password checks for uid {uid!r}: try again later")

    def work(tx: Any) -> Any:
        try:
            verified = credentials.check(Environment(tx, 1, {}, su=True), uid, password)
        except AccessDenied:
            if limiter is not None:
                limiter.hit(key)
            raise
        env = Environment(tx, verified, context, su=False)
        set_request(env, f"object.execute_kw {model}.{method} from {call.remote_addr or 'unknown address'}")
        plugins = tx.registry.plugins
        if plugins is not None:
            plugins.hook.nexa_before_rpc(env=env, model=model, method=method)
        return call_kw(env[model], method, args, kwargs)

    return retrying(database, work)


def exp_execute(call: RpcCall, db: str, uid: Any, password: Any, model: str, method: str, *args: Any) -> Any:
    return execute_model_call(call, db, uid, password, model, method, list(args), {})


def exp_execute_kw(call: RpcCall, db: str, uid: Any, password: Any, model: str, method: str,
                   args: Any = None, kwargs: Any = None) -> Any:
    return execute_model_call(call, db, uid, password, model, method, args or [], kwargs or {})


METHODS = method_table("exp_", globals())


def dispatch(call: RpcCall, method: str, params: list) -> Any:
    if method not in METHODS:
        raise NameError(f"Method not available {method!r} in service 'object': use execute or execute_kw")
    return call_method(METHODS, "object", method, call, params)
