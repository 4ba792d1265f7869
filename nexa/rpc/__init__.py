"""Nexa's Odoo-compatible RPC layer: wire codecs, error mapping, reported version.

Everything here is pure (bytes and Python values in, bytes out, no I/O), so the
HTTP layer stays thin and the protocol is tested without a server:

* ``jsonrpc``: the JSON-RPC envelope of ``/jsonrpc`` and the ``/web/*`` JSON routes;
* ``xmlrpc``: ``/xmlrpc/2/<service>`` (integer fault codes) and the legacy
  ``/xmlrpc/<service>`` (string fault codes);
* ``wire.to_wire``: the conversion of results both codecs share;
* ``errors``: how an exception is named and coded for clients;
* ``version``: the Odoo 17.0 version Nexa reports.

Example (runnable)::

    >>> from nexa.rpc import jsonrpc, xmlrpc
    >>> request = jsonrpc.decode_request(
    ...     b'{"jsonrpc": "2.0", "method": "call", "id": 7,'
    ...     b' "params": {"service": "common", "method": "version", "args": []}}',
    ...     "application/json",
    ... )
    >>> request.params["service"], request.id
    ('common', 7)
    >>> jsonrpc.encode_result(request.id, None)
    b'{"jsonrpc": "2.0", "id": 7, "result": false}'
    >>> from xmlrpc.client import loads  # what Python clients use to read it
    >>> loads(xmlrpc.encode_result({"ids": (1, 2)}))
    (({'ids': [1, 2]},), None)
"""

from __future__ import annotations

from nexa.rpc import jsonrpc, xmlrpc
from nexa.rpc.errors import (
    MalformedRequest,
    RpcTransportError,
    SessionExpired,
    exception_message,
    odoo_exception_name,
    xmlrpc_fault_code,
)
from nexa.rpc.version import SERVER_VERSION, version_info
from nexa.rpc.wire import to_wire

__all__ = [
    "SERVER_VERSION",
    "MalformedRequest",
    "RpcTransportError",
    "SessionExpired",
    "exception_message",
    "jsonrpc",
    "odoo_exception_name",
    "to_wire",
    "version_info",
    "xmlrpc",
    "xmlrpc_fault_code",
]
