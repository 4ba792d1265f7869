"""The RPC services of Odoo's external API: ``common``, ``object`` and ``db``.

Each service is a module with a ``dispatch(call, method, params)`` function; the
HTTP layer decodes the request, builds the :class:`~nexa.rpc.services.base.RpcCall`
and encodes whatever comes back. Services never touch HTTP.
"""

from nexa.exceptions import ValidationError
from nexa.rpc.services import common, db
from nexa.rpc.services import object as object_service
from nexa.rpc.services.base import RpcCall

SERVICES = {"common": common.dispatch, "object": object_service.dispatch, "db": db.dispatch}


def dispatch(call: RpcCall, service: str, method: str, params: list) -> object:
    """Route one call to its service; an unknown service or non-list arguments are errors naming them.

    ``params`` must be a list (JSON array, XML-RPC params): ``list()`` of a string or
    a dict would silently turn it into characters or keys and call the method with those.
    """
    try:
        handler = SERVICES[service]
    except (KeyError, TypeError):
        raise KeyError(f"Unknown service {service!r}: use one of {', '.join(SERVICES)}") from None
    if params is None:
        params = []
    if not isinstance(params, (list, tuple)):
        raise ValidationError(f"The args of {service}.{method} must be a list (a JSON array), got {params!r}",
                              value=params)
    return handler(call, method, list(params))


__all__ = ["SERVICES", "RpcCall", "dispatch"]
