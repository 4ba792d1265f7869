"""Logging set-up: human-readable lines, or one JSON object per line (``log_format = json``).

JSON lines carry the standard fields (time, level, logger, message) plus any
structured data a log call passes in ``extra`` (the access log passes ``http``:
method, path, status, duration_ms, remote_addr, db, uid; the worker passes ``job``:
kind, db, id, model, method, state, duration_ms), so they can be shipped
to a log store as they are. Secrets never reach the logs: nothing logs request
bodies or passwords.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
STRUCTURED_KEYS = ("http", "job")


class JsonFormatter(logging.Formatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in STRUCTURED_KEYS:
            if hasattr(record, key):
                payload[key] = getattr(record, key)
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


def configure_logging(level: str = "info", fmt: str = "text") -> None:
    """Send logs to standard error at ``level``, as text or JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level.upper())
