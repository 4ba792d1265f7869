"""The JSON-RPC envelope of Odoo 17.0, as pure functions over bytes (no I/O).

The HTTP layer hands the body and ``Content-Type`` of a JSON route to
``decode_request``; the route's result goes through ``encode_result`` and any
exception it raised through ``encode_error``. What reaches the wire is what
odoorpc, odoo-client-lib, erppeek and raw scripts get from Odoo 17.0
(reference, section 2):

* request: the content type must be ``application/json`` or
  ``application/json-rpc`` (parameters such as ``charset`` ignored), the body a
  JSON object whose ``params`` (if present) is an object. Anything else is
  refused before any route runs with HTTP 400 and a plain-text body
  (``RpcTransportError``), exactly like Odoo. ``method`` and ``jsonrpc`` are
  not checked; ``id`` is echoed back verbatim, whatever its JSON type.
* success: ``{"jsonrpc": "2.0", "id": ..., "result": ...}``, UTF-8 without
  ``\\u`` escapes, values converted by ``nexa.rpc.wire.to_wire``.
* error: HTTP 200 with Odoo's error object (``code``, ``message``, ``data`` with
  ``name``, ``message``, ``arguments``, ``context``, ``debug``), plus
  ``exception_type`` for erppeek's error printer.

**``result`` is always present; a ``None`` result is sent as ``false``.** Odoo
omits the ``result`` key when a route returns ``None``: odoorpc then returns
``None``, odoo-client-lib ``False`` (``.get("result", False)``) and erppeek raises
``KeyError`` (``resp["result"]``). Sending ``false`` makes all three return
``False``, which is also what Odoo's convention (RPC methods return
``True``/``False``, never ``None``) promises; ``to_wire`` applies the same rule at
every depth (G9), so top level and nested values agree.

One deliberate strictness: a body that is not valid UTF-8 is refused as
"Invalid JSON data" (RFC 8259 requires UTF-8), where Odoo would silently replace
the bad bytes and store mangled text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from werkzeug.exceptions import NotFound

from nexa.rpc.errors import (
    RpcTransportError,
    SessionExpired,
    exception_arguments,
    exception_message,
    exception_traceback,
    exception_type,
    odoo_exception_name,
)
from nexa.rpc.wire import to_wire

__all__ = [
    "JSON_MIMETYPES",
    "JsonRpcRequest",
    "decode_request",
    "encode_error",
    "encode_result",
    "error_status",
]

JSON_MIMETYPES = ("application/json", "application/json-rpc")


@dataclass(frozen=True)
class JsonRpcRequest:
    """One decoded JSON-RPC request: ``params`` become the route's keyword arguments."""

    id: Any
    method: Any
    params: dict[str, Any]


def decode_request(body: bytes, content_type: str | None, *, route: str = "/jsonrpc") -> JsonRpcRequest:
    """Decode a JSON-RPC request body, or raise ``RpcTransportError(400, text)``.

    The checks and texts are Odoo's, in Odoo's order: content type first (its text
    names ``route``, the path the client called), then "Invalid JSON data", then
    "Invalid JSON-RPC data" for a body that is not an object or whose ``params``
    is not an object. A missing ``params`` means ``{}``.
    """
    mimetype = (content_type or "").split(";", 1)[0].strip().lower()
    if mimetype not in JSON_MIMETYPES:
        raise RpcTransportError(
            400,
            f"Request inferred type is compatible with ['http'] but {route!r} is type='json'.",
        )
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: absurdly deep nesting is a bad body, not a server error.
        raise RpcTransportError(400, "Invalid JSON data") from None
    if not isinstance(document, dict):
        raise RpcTransportError(400, "Invalid JSON-RPC data")
    params = document.get("params", {})
    if not isinstance(params, dict):
        raise RpcTransportError(400, "Invalid JSON-RPC data")
    return JsonRpcRequest(id=document.get("id"), method=document.get("method"), params=params)


def encode_result(request_id: Any, result: Any) -> bytes:
    """Return the success response for ``result`` (``None`` is sent as ``false``, see module doc).

    Raises ``TypeError``/``ValueError`` from ``to_wire`` when the result holds a
    value that cannot be sent; the caller answers with ``encode_error`` instead.
    """
    return _dump({"jsonrpc": "2.0", "id": request_id, "result": to_wire(result)})


#: Keys of a Nexa error's ``details`` sent along in ``data`` (never raw input values, which may be secrets).
EXPOSED_DETAILS = ("model", "field", "record_ids", "conflicts")


def encode_error(request_id: Any, exc: BaseException, *, debug: bool) -> bytes:
    """Return Odoo's JSON-RPC error response for ``exc``.

    ``code`` is 200 ("Odoo Server Error") for every exception except werkzeug's
    ``NotFound`` (404, "404: Not Found") and ``SessionExpired`` (100, "Odoo Session
    Expired"). ``data.debug`` holds the traceback only when ``debug`` is true: a
    traceback shows code paths, SQL and values, which production must not leak.
    """
    code, message = 200, "Odoo Server Error"
    if isinstance(exc, NotFound):
        code, message = 404, "404: Not Found"
    elif isinstance(exc, SessionExpired):
        code, message = 100, "Odoo Session Expired"
    context = getattr(exc, "context", None)
    data = {
        "name": odoo_exception_name(exc),
        "message": exception_message(exc),
        "arguments": [_sendable(argument, str(argument)) for argument in exception_arguments(exc)],
        "context": _sendable(context, {}) if isinstance(context, Mapping) else {},
        "debug": exception_traceback(exc) if debug else "",
        "exception_type": exception_type(exc),
    }
    details = getattr(exc, "details", None) or {}
    for key in EXPOSED_DETAILS:  # Nexa extension: which model/field/records an error is about
        if key in details:
            data[key] = _sendable(details[key], False)
    error = {"code": code, "message": message, "data": data}
    return _dump({"jsonrpc": "2.0", "id": request_id, "error": error})


def error_status(exc: BaseException) -> int:
    """Return the HTTP status Odoo 17.0 gives an error response: 404 for ``NotFound``, else 200.

    Odoo 16/17 send the JSON error object of a ``NotFound`` raised inside a JSON
    route with HTTP 404 (``http_status``); every other error is HTTP 200 (G4).
    """
    return 404 if isinstance(exc, NotFound) else 200


def _sendable(value: Any, fallback: Any) -> Any:
    """``to_wire(value)``, or ``fallback`` when it cannot be sent.

    Used while reporting an error: an exception whose arguments hold an odd
    object must still produce an error response, not a second exception.
    """
    try:
        return to_wire(value)
    except (TypeError, ValueError):
        return fallback


def _dump(payload: dict[str, Any]) -> bytes:
    # backslashreplace: a lone surrogate (a client may send the JSON escape "\ud800")
    # cannot be UTF-8 encoded; written back as that same escape it stays valid JSON.
    return json.dumps(payload, ensure_ascii=False).encode("utf-8", "backslashreplace")
