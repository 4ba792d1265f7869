"""The XML-RPC codec of Odoo 17.0 (``/xmlrpc/2/*`` and legacy ``/xmlrpc/*``), no I/O.

The HTTP layer feeds the body to ``decode_request``, calls the service method,
and answers with ``encode_result``; *any* exception on the way, including one
from ``decode_request`` or ``encode_result`` itself, goes to ``encode_fault``.
That is Odoo's route exactly (``odoo/addons/base/controllers/rpc.py``): parsing,
dispatch and marshalling all run inside one ``try``, and the response is always
HTTP 200 ``text/xml`` because ``xmlrpc.client`` raises ``ProtocolError`` on any
other status. So a malformed body is a fault (code 1), not an HTTP 400.

Marshalling rules (reference 4.2), applied after ``nexa.rpc.wire.to_wire``:

* dates and datetimes are *strings* (``"YYYY-MM-DD HH:MM:SS"``), never
  ``<dateTime.iso8601>``; bytes are sent as text, never ``<base64>``;
* control characters 0-31 other than TAB, LF and CR are removed from strings
  (XML 1.0 cannot carry them; clients fail to parse the response otherwise);
  Nexa also removes them from struct keys, which Odoo forgets to do;
* ``None`` is sent as ``<boolean>0</boolean>`` (``False``) at any depth: the
  Nexa rule of ``to_wire``. Odoo cannot marshal ``None`` at all and turns the
  call into a fault; ``False`` is what its methods are meant to return;
* integers must fit in 32 bits. A larger one raises ``OverflowError`` which the
  route turns into a fault (code 1), as Odoo does (G22). We do not send
  ``<i8>`` (Python clients would read it, other XML-RPC libraries may not) nor
  a string (a silent type change): the method should return such numbers as
  strings or floats itself, or the client should use JSON-RPC.

Incoming ``<nil/>`` (erppeek sends it) is read as ``None`` and
``<dateTime.iso8601>`` as ``datetime``, like Odoo. One difference: ``<base64>``
is read as ``bytes`` rather than ``xmlrpc.client.Binary``, which no model code
knows what to do with.
"""

from __future__ import annotations

import xmlrpc.client
from typing import Any
from xml.parsers.expat import ExpatError

from nexa.exceptions import UserError
from nexa.rpc.errors import (
    MalformedRequest,
    exception_message,
    exception_traceback,
    xmlrpc_fault_code,
)
from nexa.rpc.wire import to_wire

__all__ = ["XML_MIMETYPE", "decode_request", "encode_fault", "encode_result"]

XML_MIMETYPE = "text/xml; charset=utf-8"

# 0 to 31 except tab, newline and carriage return, for str.translate (deletes them).
_CONTROL_CHARACTERS = dict.fromkeys(set(range(32)) - {9, 10, 13})


class _Marshaller(xmlrpc.client.Marshaller):
    """The stdlib marshaller with Odoo's string cleaning and a clearer int error.

    It only ever sees ``to_wire`` output: plain str, int, float, bool, list, dict.
    """

    dispatch = dict(xmlrpc.client.Marshaller.dispatch)

    def dump_unicode(self, value: str, write: Any, escape: Any = xmlrpc.client.escape) -> None:
        super().dump_unicode(value.translate(_CONTROL_CHARACTERS), write, escape)

    def dump_struct(self, value: dict, write: Any, escape: Any = xmlrpc.client.escape) -> None:
        cleaned = {key.translate(_CONTROL_CHARACTERS): item for key, item in value.items()}
        super().dump_struct(cleaned, write, escape)

    def dump_long(self, value: int, write: Any) -> None:
        if not xmlrpc.client.MININT <= value <= xmlrpc.client.MAXINT:
            raise OverflowError(
                f"cannot send the integer {value} over XML-RPC: it only carries 32-bit integers "
                f"({xmlrpc.client.MININT} to {xmlrpc.client.MAXINT}); return it as a string or a "
                "float, or call the method over JSON-RPC"
            )
        super().dump_long(value, write)

    dispatch[str] = dump_unicode
    dispatch[dict] = dump_struct
    dispatch[int] = dump_long


def decode_request(body: bytes) -> tuple[str, tuple]:
    """Return ``(method name, params)`` of an XML-RPC ``<methodCall>`` body.

    Accepts everything ``xmlrpc.client.dumps(..., allow_none=True)`` produces:
    ``<nil/>`` -> ``None``, ``<dateTime.iso8601>`` -> ``datetime``, ``<i8>``,
    ``<base64>`` -> ``bytes``. A body that is not a well-formed method call raises
    ``MalformedRequest`` (a ``ValueError``), which ``encode_fault`` reports as
    fault 1 like Odoo.
    """
    try:
        params, method = xmlrpc.client.loads(body, use_builtin_types=True)
    except (ExpatError, xmlrpc.client.Error, ValueError, TypeError, LookupError) as exc:
        raise MalformedRequest(
            f"Malformed XML-RPC request ({type(exc).__name__}: {exc}); send a <methodCall> document "
            "such as xmlrpc.client.dumps(params, 'method_name') produces"
        ) from exc
    if method is None:
        raise MalformedRequest(
            "Malformed XML-RPC request: the body is a <methodResponse>, expected a <methodCall> "
            "with a <methodName>"
        )
    return method, params


def encode_result(value: Any) -> bytes:
    """Return the ``<methodResponse>`` carrying ``value`` (converted by ``to_wire``).

    Raises ``TypeError``/``ValueError`` (value ``to_wire`` cannot convert) or
    ``OverflowError`` (integer beyond 32 bits); answer those with ``encode_fault``.
    """
    return _response(_Marshaller(allow_none=False).dumps((to_wire(value),)))


def encode_fault(exc: BaseException, *, legacy: bool, debug: bool) -> bytes:
    """Return the ``<methodResponse><fault>`` for ``exc``, per Odoo's fault tables.

    ``legacy`` selects the string fault codes of ``/xmlrpc/*`` instead of the
    integer ones of ``/xmlrpc/2/*`` (see ``errors.xmlrpc_fault_code``). Where Odoo
    puts the full traceback in ``faultString`` (unexpected errors), Nexa does so
    only when ``debug`` is true and sends the message otherwise: a traceback
    shows code paths, SQL and values that production must not leak.
    """
    code = xmlrpc_fault_code(exc, legacy)
    if not isinstance(exc, UserError):
        text = exception_traceback(exc) if debug else exception_message(exc)
    elif isinstance(code, str) and code.startswith("warning -- "):
        text = ""  # the legacy code already carries the message; Odoo leaves faultString empty
    else:
        text = exception_message(exc)
    return _response(_Marshaller(allow_none=False).dumps(xmlrpc.client.Fault(code, text)))


def _response(inner: str) -> bytes:
    # The same envelope Odoo writes; "replace" because a lone surrogate cannot be UTF-8.
    return f'<?xml version="1.0"?>\n<methodResponse>\n{inner}\n</methodResponse>\n'.encode("utf-8", "replace")
