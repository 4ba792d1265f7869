"""The base addon: what every Nexa database has (see manifest.yaml).

It is a server-wide addon (``server_wide_addons = base,web``): its HTTP routes
(the second step of a two-factor login) exist before any database is chosen.
It also names the request of every RPC call for the audit log.
"""

from __future__ import annotations

from typing import Any

from nexa.hooks import hookimpl
from nexa.http import twofactor
from nexa.http.routing import Route
from nexa.security.audit import set_request

from . import models  # noqa: F401


@hookimpl
def nexa_http_routes() -> list[Route]:
    return twofactor.routes()


@hookimpl
def nexa_before_rpc(env: Any, model: str, method: str) -> None:
    set_request(env, f"rpc {model}.{method}")
