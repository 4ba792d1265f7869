"""``/health`` (and Odoo's ``/web/health``) for load balancers: database and Redis status."""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Response


def health(request: Any) -> Response:
    """200 with ``{"status": "pass", ...}`` when the services answer, 503 otherwise."""
    runtime = request.app.runtime
    checks: dict[str, str] = {}
    try:
        runtime.server.list()
        checks["database"] = "pass"
    except Exception as error:  # report, never raise: this is what load balancers poll
        checks["database"] = f"fail: {type(error).__name__}"
    if request.app.redis is not None:
        try:
            request.app.redis.ping()
            checks["redis"] = "pass"
        except Exception as error:
            checks["redis"] = f"fail: {type(error).__name__}"
    ok = all(value == "pass" for value in checks.values())
    body = {"status": "pass" if ok else "fail", **checks}
    return Response(json.dumps(body), status=200 if ok else 503, mimetype="application/json")
