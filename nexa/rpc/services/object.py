"""The ``object`` service: ``execute`` and ``execute_kw`` on models, one transaction per call."""

from __future__ import annotations

from typing import Any

from nexa.db.transaction import retrying
from nexa.orm.env import Environment
from nexa.rpc.dispatch import call_kw, split_context
from nexa.rpc.services.base import RpcCall, call_method, method_table
from nexa.security import credentials


def execute_model_call(call: RpcCall, db: str, uid: Any, password: Any, model: str, method: str,
                       args: Any, kwargs: Any) -> Any:
    """Verify the credentials, then run ``model.method(*args, **kwargs)`` in one retried transaction."""
    database = call.runtime.database(call.allowed_database(db))
    _kwargs, context = split_context(kwargs)

    def work(tx: Any) -> Any:
        verified = credentials.check(Environment(tx, 1, {}, su=True), uid, password)
        env = Environment(tx, verified, context, su=False)
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
