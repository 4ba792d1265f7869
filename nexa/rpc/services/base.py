"""What a service call knows about its caller, and the helpers services share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nexa.exceptions import AccessDenied, ValidationError


@dataclass(frozen=True)
class RpcCall:
    """The context of one RPC call: the runtime and who is calling from where."""

    runtime: Any
    remote_addr: str = ""
    login_limiter: Any = None  # a nexa.security.ratelimit.RateLimiter for failed logins

    def allowed_database(self, name: Any) -> str:
        """``name`` if it is a database this server serves (dbfilter), else an error."""
        import re

        if not isinstance(name, str) or not name:
            raise ValidationError(f"Invalid database name {name!r}", value=name)
        pattern = self.runtime.config.dbfilter
        if pattern and not re.fullmatch(pattern.replace("%d", ".*").replace("%h", ".*"), name):
            raise AccessDenied(f"Database {name!r} is not served here (dbfilter)")
        return name


def method_table(prefix: str, namespace: dict[str, Any]) -> dict[str, Callable[..., Any]]:
    """``{"version": exp_version, ...}`` from the ``exp_*`` functions of a service module."""
    return {name[len(prefix):]: value for name, value in namespace.items()
            if name.startswith(prefix) and callable(value)}


def call_method(table: dict[str, Callable[..., Any]], service: str, method: str, call: RpcCall,
                params: list) -> Any:
    """Call ``table[method](call, *params)``; unknown methods and wrong argument counts are clear errors."""
    from nexa.rpc.dispatch import signature_of

    function = table.get(method)
    if function is None:
        raise KeyError(f"Method not found: {service}.{method} (available: {', '.join(sorted(table))})")
    try:
        signature_of(function).bind(call, *params)
    except TypeError as error:
        raise TypeError(f"{service}.{method}: {error}") from None
    return function(call, *params)
