"""A real Nexa HTTP server on a free loopback port, for RPC and browser tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from werkzeug.serving import make_server


@contextmanager
def running_server(runtime: Any) -> Iterator[str]:
    """Serve ``runtime`` in a background thread; yields the base URL."""
    from nexa.http.app import Application

    server = make_server("127.0.0.1", 0, Application(runtime), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="nexa-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
