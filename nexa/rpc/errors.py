"""How an exception is described on the wire, the same way Odoo 17 describes it.

Real clients (odoorpc, odoo-client-lib, erppeek, ``xmlrpc.client``) only see an
exception through a handful of strings: its dotted *name*, its *message*, its
*arguments*, a fault code for XML-RPC. Both codecs (``jsonrpc.py`` and
``xmlrpc.py``) take those strings from this module, so the JSON-RPC error object
and the XML-RPC fault of one exception always agree.

Naming rule (``odoo_exception_name``): a class that carries ``odoo_name`` (every
user-facing class of ``nexa.exceptions``) is reported under that name, so
``AccessError`` is ``odoo.exceptions.AccessError`` on the wire and client code
written for Odoo recognises it. Any other class is reported as
``<module>.<ClassName>`` exactly like Odoo's ``serialize_exception`` does:
builtins become ``builtins.KeyError``, werkzeug's 404 ``werkzeug.exceptions.NotFound``.
We keep the real module rather than collapsing everything to
``builtins.Exception`` because that is what Odoo sends and it is what makes a
server-side bug diagnosable from the client; the traceback, which says far more,
is only sent in debug mode.

Two exceptions are defined here because only the RPC layer raises them:
``RpcTransportError`` (a request refused before any route runs: a bare HTTP
status and text, not an RPC error) and ``SessionExpired`` (Odoo's
``SessionExpiredException``, JSON-RPC error code 100).
"""

from __future__ import annotations

import traceback

from nexa.exceptions import (
    AccessDenied,
    AccessError,
    MissingError,
    NexaError,
    UserError,
    ValidationError,
)

__all__ = [
    "CLIENT_ERRORS",
    "MalformedRequest",
    "RpcTransportError",
    "SessionExpired",
    "exception_arguments",
    "exception_message",
    "exception_traceback",
    "exception_type",
    "odoo_exception_name",
    "xmlrpc_fault_code",
]

# The fault codes of Odoo's /xmlrpc/2 endpoint (odoo/addons/base/controllers/rpc.py);
# clients compare against these numbers, so they must never change.
FAULT_APPLICATION_ERROR = 1
FAULT_WARNING = 2
FAULT_ACCESS_DENIED = 3
FAULT_ACCESS_ERROR = 4

#: What a client's own mistake raises (bad arguments, unknown names, refused access): the HTTP
#: layer answers these with an error object or fault but logs no traceback, which is for server bugs.
CLIENT_ERRORS: tuple[type[BaseException], ...] = (NexaError, LookupError, TypeError, ValueError, AttributeError,
                                                 NameError)


class RpcTransportError(NexaError):
    """A request refused before it reaches a route, answered with a bare HTTP status.

    Odoo answers a JSON-RPC request with the wrong content type or a body that is
    not JSON with ``400`` and a plain-text body, not with a JSON-RPC error object
    (there is no request id to echo yet). The HTTP layer turns this exception into
    exactly that response: ``status`` and ``text``.
    """

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text, status=status)
        self.status = status
        self.text = text


class SessionExpired(NexaError):
    """The session cookie of a ``/web/*`` route is missing, unknown or expired.

    Reported like Odoo's ``SessionExpiredException`` (JSON-RPC error code 100,
    message "Odoo Session Expired"), which web clients take as "log in again".
    """

    odoo_name = "odoo.http.SessionExpiredException"

    def __init__(self, message: str = "Session expired") -> None:
        super().__init__(message)


class MalformedRequest(NexaError, ValueError):
    """An XML-RPC body that cannot be read as a ``<methodCall>``.

    Odoo parses the body inside the route, so a malformed one becomes an ordinary
    fault (code 1) rather than an HTTP error; this class keeps that behaviour
    while letting the HTTP layer recognise client mistakes (and, say, log them
    without a traceback).
    """


def odoo_exception_name(exc: BaseException) -> str:
    """Return the dotted name clients see for ``exc`` (``data.name`` in JSON-RPC).

    ``odoo_name`` when the class declares one, else ``<module>.<ClassName>``
    (``builtins.KeyError``), as Odoo's ``serialize_exception`` does.
    """
    name = getattr(exc, "odoo_name", None)
    if isinstance(name, str) and name:
        return name
    cls = type(exc)
    return f"{cls.__module__}.{cls.__name__}" if cls.__module__ else cls.__name__


def exception_message(exc: BaseException) -> str:
    """Return the human message of ``exc`` (``data.message``, fault strings).

    Nexa exceptions give their ``message``. Others follow Odoo's
    ``exception_to_unicode``: the arguments joined by newlines, so ``KeyError('x')``
    reads ``x`` and not ``'x'``; then ``str(exc)``; never an exception of its own,
    because this runs while an error is already being reported.
    """
    if isinstance(exc, NexaError):
        return str(exc)
    try:
        if exc.args:
            return "\n".join(str(argument) for argument in exc.args)
        return str(exc)
    except Exception:
        return "Unknown message"


def exception_arguments(exc: BaseException) -> list:
    """Return ``exc.args`` as a list (``data.arguments``), never empty.

    erppeek's error printer reads ``arguments[0]``; Odoo sends an empty list for an
    exception built without arguments (werkzeug's ``NotFound()``), which crashes
    it. Nexa sends ``[message]`` in that case instead.
    """
    return list(exc.args) if exc.args else [exception_message(exc)]


def exception_traceback(exc: BaseException) -> str:
    """Return the formatted traceback of ``exc``, or ``""`` for ``AccessDenied``.

    Only called in debug mode. Odoo strips the traceback of ``AccessDenied`` on
    purpose so that a failed login does not reveal where it failed; Nexa keeps
    that rule even when debugging.
    """
    if isinstance(exc, AccessDenied):
        return ""
    return "".join(traceback.format_exception(exc))


def exception_type(exc: BaseException) -> str:
    """Return the ``exception_type`` key Odoo sent until 11.0 (still read by erppeek).

    erppeek prints the server traceback only for ``"internal_error"`` and a one-line
    "name: message" for the others, which is what users want for business errors.
    """
    for cls, kind in (
        (AccessDenied, "access_denied"),
        (AccessError, "access_error"),
        (MissingError, "missing_error"),
        (ValidationError, "validation_error"),
        (UserError, "user_error"),
    ):
        if isinstance(exc, cls):
            return kind
    return "internal_error"


def xmlrpc_fault_code(exc: BaseException, legacy: bool) -> int | str:
    """Return the XML-RPC ``faultCode`` for ``exc``, per Odoo's two fault tables.

    ``legacy=False`` (``/xmlrpc/2/*``): 4 access error, 3 access denied, 2 any other
    user error, 1 anything else. ``legacy=True`` (``/xmlrpc/*``, the default of
    odoo-client-lib and erppeek): a string, ``"warning -- <Kind>\\n\\n<message>"``
    for user errors (erppeek looks for that prefix), ``"AccessDenied"``, or the
    exception's message for anything else. The order of the checks is Odoo's.
    """
    if legacy:
        message = exception_message(exc)
        if isinstance(exc, MissingError):
            return f"warning -- MissingError\n\n{message}"
        if isinstance(exc, AccessError):
            return f"warning -- AccessError\n\n{message}"
        if isinstance(exc, AccessDenied):
            return "AccessDenied"
        if isinstance(exc, UserError):
            return f"warning -- UserError\n\n{message}"
        return message
    if isinstance(exc, AccessError):
        return FAULT_ACCESS_ERROR
    if isinstance(exc, AccessDenied):
        return FAULT_ACCESS_DENIED
    if isinstance(exc, UserError):
        return FAULT_WARNING
    return FAULT_APPLICATION_ERROR
