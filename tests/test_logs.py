"""Logs as text or JSON lines."""

import json
import logging

import pytest

from nexa.logs import JsonFormatter, configure_logging


@pytest.fixture
def restored_root_logger():
    """configure_logging replaces the root handlers: give pytest's own back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_formatter_carries_structured_http_data():
    record = logging.LogRecord("nexa.http.access", logging.INFO, __file__, 1, "GET / 200", None, None)
    record.http = {"method": "GET", "path": "/", "status": 200, "duration_ms": 1.5}
    line = json.loads(JsonFormatter().format(record))
    assert line["logger"] == "nexa.http.access"
    assert line["http"]["status"] == 200 and line["message"] == "GET / 200"


def test_configure_logging_installs_one_handler_at_the_level(restored_root_logger):
    configure_logging("warning", "json")
    root = restored_root_logger
    assert root.level == logging.WARNING
    assert len(root.handlers) == 1 and isinstance(root.handlers[0].formatter, JsonFormatter)
    configure_logging("info", "text")
    assert not isinstance(root.handlers[0].formatter, JsonFormatter)
