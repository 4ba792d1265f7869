"""The ``db`` service: list, create and drop databases (management needs the master password)."""

from __future__ import annotations

import hmac
from typing import Any

from nexa.exceptions import AccessDenied, DatabaseError, UserError
from nexa.modules.databases import create_database, drop_database
from nexa.rpc.services.base import RpcCall, call_method, method_table
from nexa.rpc.version import SERVER_VERSION


def _check_master(call: RpcCall, password: Any) -> None:
    expected = call.runtime.config.admin_passwd
    if not isinstance(password, str) or not expected or not hmac.compare_digest(password, expected):
        raise AccessDenied("Access Denied: wrong master password")


def _check_listing(call: RpcCall) -> None:
    if not call.runtime.config.list_db:
        raise AccessDenied("Database listing is disabled on this server (list_db = False)")


def exp_server_version(call: RpcCall) -> str:
    return SERVER_VERSION


def exp_list(call: RpcCall, document: bool = False) -> list[str]:
    _check_listing(call)
    names = call.runtime.server.list()
    allowed = []
    for name in names:
        try:
            allowed.append(call.allowed_database(name))
        except AccessDenied:
            continue
    return sorted(allowed)


def exp_db_exist(call: RpcCall, db: str) -> bool:
    """True when ``db`` exists; a name no database can have (``../x``, 5) simply does not exist."""
    if not isinstance(db, str):
        return False
    try:
        return call.runtime.server.exists(db)
    except DatabaseError:
        return False


def exp_list_lang(call: RpcCall) -> list[list[str]]:
    return [["en_US", "English (US)"], ["fr_FR", "French / Français"], ["de_DE", "German / Deutsch"],
            ["es_ES", "Spanish / Español"], ["nl_NL", "Dutch / Nederlands"]]


def exp_create_database(call: RpcCall, master_pwd: str, db_name: str, demo: bool = False, lang: str = "en_US",
                        user_password: str = "admin", login: str = "admin", country_code: str | None = None,
                        phone: str | None = None) -> bool:
    _check_master(call, master_pwd)
    _check_listing(call)
    create_database(call.runtime, db_name, demo=bool(demo), admin_password=user_password, admin_login=login,
                    lang=lang, country_code=country_code)
    return True


def exp_drop(call: RpcCall, master_pwd: str, db_name: str) -> bool:
    _check_master(call, master_pwd)
    _check_listing(call)
    if not call.runtime.server.exists(db_name):
        return False
    drop_database(call.runtime, db_name)
    return True


def _unsupported(call: RpcCall, master_pwd: str, *_args: Any) -> bool:
    _check_master(call, master_pwd)
    raise UserError("Not supported by Nexa over RPC: back up with pg_dump, or copy the SQLite file "
                    "(see docs/api.md)")


exp_dump = exp_restore = exp_duplicate_database = exp_rename = exp_change_admin_password = _unsupported

METHODS = method_table("exp_", globals())


def dispatch(call: RpcCall, method: str, params: list) -> Any:
    return call_method(METHODS, "db", method, call, params)
