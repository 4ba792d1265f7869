"""The RPC services of Odoo's external API: ``common``, ``object`` and ``db``.

Each service is a module with a ``dispatch(call, method, params)`` function; the
HTTP layer decodes the request, builds the :class:`~nexa.rpc.services.base.RpcCall`
and encodes whatever comes back. Services never touch HTTP.
"""

from nexa.rpc.services import common, db
from nexa.rpc.services import object as object_service
from nexa.rpc.services.base import RpcCall

SERVICES = {"common": common.dispatch, "object": object_service.dispatch, "db": db.dispatch}


def dispatch(call: RpcCall, service: str, method: str, params: list) -> object:
    """Route one call to its service; an unknown service is an error naming it."""
    try:
        handler = SERVICES[service]
    except KeyError:
        raise KeyError(f"Unknown service {service!r}: use one of {', '.join(SERVICES)}") from None
    return handler(call, method, list(params or []))


__all__ = ["SERVICES", "RpcCall", "dispatch"]
