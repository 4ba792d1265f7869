"""``/report/<pdf|html>/<report_name>/<ids>``: download a report (Odoo's URL), as the session's user."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from nexa.exceptions import AccessError, NexaError
from nexa.orm.env import Environment
from nexa.reports.service import render_report

#: Report pages carry no script; their styles are inline.
REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def report(request: Any, converter: str, report_name: str, docids: str) -> Response:
    try:
        ids = [int(part) for part in docids.split(",") if part]
    except ValueError:
        raise BadRequest(f"Record ids must be comma-separated numbers, got {docids!r}") from None
    session = request.session
    database = request.app.runtime.database(session.db)
    try:
        with database.transaction() as tx:
            env = Environment(tx, session.uid, session.get("context") or {}, su=False)
            content, mimetype, filename = render_report(env, report_name, ids, converter)
    except AccessError as error:
        return Response(f"403 Forbidden: {error}\n", status=403, mimetype="text/plain")
    except NexaError as error:
        return Response(f"400 Bad Request: {error}\n", status=400, mimetype="text/plain")
    disposition = "inline" if converter == "html" else "attachment"
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response.headers["Content-Security-Policy"] = REPORT_POLICY
    return response
