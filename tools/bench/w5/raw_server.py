"""The W5 limit: a bare werkzeug JSON endpoint running the W3 page query on a pooled connection.

It is the most a Python HTTP server can do for this call on this machine, so a framework's W5
figure is read against it. Served threaded by ``run_simple`` (this module as a script, access
log off) and by ``gunicorn -w 2 'tools.bench.w5.raw_server:create_app("sqlite", ...)'``.
Connections are opened lazily, so each gunicorn worker opens its own after the fork.
"""

from __future__ import annotations

import argparse
import json
import logging
import queue
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response

from tools.bench.drivers import Database
from tools.bench.drivers.raw_dbapi import fetch_page, statements


class ConnectionPool:
    """Connections reused across requests; one per concurrently served request at most."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.idle: queue.LifoQueue[Any] = queue.LifoQueue()

    def acquire(self) -> Any:
        """An idle connection, or a new one (autocommit: each SELECT is its own transaction)."""
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            return self.database.connect(autocommit=True)

    def release(self, connection: Any) -> None:
        """Give ``connection`` back for the next request."""
        self.idle.put(connection)


class RawRpcApp:
    """``POST /rpc`` with ``{"id", "method": "search_read", "params": [domain, offset, limit, ...]}``."""

    def __init__(self, database: Database) -> None:
        self.pool = ConnectionPool(database)
        self.sql = statements(database.backend)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        if request.path != "/rpc" or request.method != "POST":
            return Response("not found", status=404)(environ, start_response)
        payload = json.loads(request.get_data())
        _domain, offset, limit = payload["params"][:3]
        connection = self.pool.acquire()
        try:
            rows = fetch_page(connection.cursor(), self.sql, offset, limit)
        finally:
            self.pool.release(connection)
        body = json.dumps({"id": payload["id"], "result": rows})
        return Response(body, mimetype="application/json")(environ, start_response)


def create_app(backend: str, name: str, directory: str) -> RawRpcApp:
    """The WSGI app on database ``name`` (gunicorn calls this by its literal arguments)."""
    return RawRpcApp(Database(backend, name, Path(directory)))


def main(argv: list[str] | None = None) -> None:
    """Serve threaded on loopback: ``python -m tools.bench.w5.raw_server BACKEND NAME DIR PORT``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("backend")
    parser.add_argument("name")
    parser.add_argument("directory")
    parser.add_argument("port", type=int)
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # access log off
    run_simple("127.0.0.1", args.port, create_app(args.backend, args.name, args.directory), threaded=True)


if __name__ == "__main__":
    main()
