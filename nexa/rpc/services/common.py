"""The ``common`` service: version, login, authenticate, about."""

from __future__ import annotations

from typing import Any

from nexa.exceptions import AccessDenied
from nexa.orm.env import Environment
from nexa.rpc.services.base import RpcCall, call_method, method_table
from nexa.rpc.version import SERVER_VERSION, version_info
from nexa.security import credentials


def exp_version(call: RpcCall) -> dict[str, Any]:
    return version_info()


def exp_about(call: RpcCall, extended: bool = False) -> Any:
    info = "See https://nexa.invalid"
    return [info, SERVER_VERSION] if extended else info


def exp_login(call: RpcCall, db: str, login: str, password: str) -> int | bool:
    return exp_authenticate(call, db, login, password, {})


def exp_authenticate(call: RpcCall, db: str, login: str, password: str, user_agent_env: Any = None) -> int | bool:
    """The uid, or False for wrong credentials; too many failures per login and address are refused.

    ``login_rate_limit`` failures within 15 minutes block the login from that
    address (even with the right password) until the oldest failure ages out; a
    successful login before that clears the count.
    """
    db = call.allowed_database(db)
    key = credentials.login_limit_key(db, login, call.remote_addr)
    limiter = call.login_limiter
    if limiter is not None and limiter.blocked(key):
        raise AccessDenied(f"Too many failed logins for {login!r}: try again later")
    database = call.runtime.database(db)
    with database.transaction() as tx:
        uid = credentials.authenticate(Environment(tx, 1, {}, su=True), login, password)
    if limiter is not None:
        if uid is None:
            limiter.hit(key)
        else:
            limiter.reset(key)  # only the owner of the password clears the failures of its login
    return uid if uid is not None else False


def exp_set_loglevel(call: RpcCall, level: str, logger: Any = None) -> bool:
    return True


METHODS = method_table("exp_", globals())


def dispatch(call: RpcCall, method: str, params: list) -> Any:
    return call_method(METHODS, "common", method, call, params)
