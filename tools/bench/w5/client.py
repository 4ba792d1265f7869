"""The W5 load client: 8 threads of keep-alive JSON-RPC ``search_read`` calls, one envelope per system.

Each thread holds one ``http.client`` connection and reconnects when the server closes it (Tryton
closes after every streamed reply, gunicorn's sync workers after every reply). Threads take call
numbers from one shared counter. A reply counts as a call only when it is the right JSON for the
right call with the right number of rows; anything else is an error, never a call. The
envelope (path, body, headers, login, result) is a ``RpcProtocol``, so the same loop drives the
raw endpoint, Tryton's protocol and Odoo's ``/jsonrpc`` that Nexa speaks.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from tools.bench import common

GZIP_MAGIC = b"\x1f\x8b"
SOCKET_TIMEOUT = 30.0


class RpcError(RuntimeError):
    """A reply that is not the expected result (an error object, a wrong id, a short page)."""


@dataclass
class RpcProtocol:
    """The raw limit's envelope: ``{"id", "method", "params"}`` in, ``{"id", "result"}`` out.

    Subclasses change ``path``, ``method``, the body and the login; the loop never changes.
    """

    path: str = "/rpc"
    method: str = "search_read"
    fields: tuple[str, ...] = ("name", "email", "phone", "is_company", "country")
    headers: dict[str, str] = field(default_factory=dict)

    def base_headers(self) -> dict[str, str]:
        """Headers of every call: JSON, gzip accepted (Tryton streams token by token without it)."""
        return {"Content-Type": "application/json", "Accept-Encoding": "gzip", **self.headers}

    def login(self, connection: http.client.HTTPConnection) -> None:
        """Authenticate once before the calls; the raw endpoint has no authentication."""

    def body(self, k: int, offset: int, limit: int) -> dict[str, Any]:
        """The request of call ``k``."""
        return {"id": k, "method": self.method,
                "params": [[], offset, limit, common.W5_ORDER, list(self.fields), {}]}

    def result(self, k: int, reply: dict[str, Any]) -> Any:
        """The result of call ``k``'s reply, or ``RpcError``."""
        if reply.get("id") != k or "result" not in reply:
            raise RpcError(f"call {k}: unexpected reply {str(reply)[:200]}")
        return reply["result"]

    def call(self, connection: http.client.HTTPConnection, payload: dict[str, Any]) -> dict[str, Any]:
        """POST one JSON body on ``connection`` and decode the reply (gzip or not)."""
        connection.request("POST", self.path, json.dumps(payload).encode(), self.base_headers())
        response = connection.getresponse()
        data = response.read()
        if response.will_close:
            connection.close()
        if response.status != 200:
            raise RpcError(f"HTTP {response.status} on {self.path}: {data[:200]!r}")
        # Trusting Content-Encoding fails on trytond 8.2.1, which labels un-gzipped streams gzip.
        if data[:2] == GZIP_MAGIC:
            data = gzip.decompress(data)
        return json.loads(data)


@dataclass
class LoginProtocol(RpcProtocol):
    """An envelope whose calls need a login: for which database, model and user."""

    database: str = ""
    model: str = "bench.partner"
    user: str = "admin"
    password: str = "admin"


@dataclass
class TrytonProtocol(LoginProtocol):
    """Tryton's JSON-RPC: ``/<db>/rpc/``, ``model.<name>.search_read``, a session header."""

    def __post_init__(self) -> None:
        self.path = f"/{self.database}/rpc/"
        self.method = f"model.{self.model}.search_read"

    def login(self, connection: http.client.HTTPConnection) -> None:
        params = [self.user, {"password": self.password}, "en"]
        reply = self.call(connection, {"id": 0, "method": "common.db.login", "params": params})
        user_id, session = self.result(0, reply)[:2]
        token = base64.b64encode(f"{self.user}:{user_id}:{session}".encode()).decode()
        self.headers["Authorization"] = f"Session {token}"


@dataclass
class OdooProtocol(LoginProtocol):
    """Odoo's external API on ``/jsonrpc`` (what Nexa serves): ``object.execute_kw`` search_read."""

    uid: int | None = None

    def __post_init__(self) -> None:
        self.path = "/jsonrpc"

    def _envelope(self, k: int, service: str, method: str, args: list[Any]) -> dict[str, Any]:
        return {"jsonrpc": "2.0", "method": "call", "id": k,
                "params": {"service": service, "method": method, "args": args}}

    def login(self, connection: http.client.HTTPConnection) -> None:
        reply = self.call(connection, self._envelope(0, "common", "login",
                                                     [self.database, self.user, self.password]))
        self.uid = self.result(0, reply)
        if not isinstance(self.uid, int) or self.uid <= 0:
            raise RpcError(f"login of {self.user!r} on {self.database!r} failed: {reply}")

    def body(self, k: int, offset: int, limit: int) -> dict[str, Any]:
        options = {"fields": list(self.fields), "offset": offset, "limit": limit, "order": "id ASC"}
        args = [self.database, self.uid, self.password, self.model, "search_read", [[]], options]
        return self._envelope(k, "object", "execute_kw", args)


@dataclass
class LoadResult:
    """One batch of calls: successes, errors, wall time and each successful call's latency."""

    calls: int
    errors: int
    seconds: float
    latencies: list[float]
    first_error: str = ""

    def percentile_ms(self, q: float) -> float:
        """Nearest-rank percentile of the latencies, in milliseconds."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] * 1000


def connect(port: int) -> http.client.HTTPConnection:
    """A loopback connection with a socket timeout, so a stuck server cannot hang the benchmark."""
    return http.client.HTTPConnection("127.0.0.1", port, timeout=SOCKET_TIMEOUT)


def run_load(protocol: RpcProtocol, port: int, calls: range, sizes: common.Sizes, *,
             threads: int = common.W5_THREADS, deadline_s: float = 300.0) -> LoadResult:
    """Make the calls numbered ``calls`` from ``threads`` threads; stop taking new ones after the deadline."""
    numbers = iter(calls)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.perf_counter() + deadline_s

    def worker() -> None:
        connection = connect(port)
        while True:
            with lock:
                k = next(numbers, None)
            if k is None or time.perf_counter() > stop_at:
                break
            started = time.perf_counter()
            try:
                _one_call(protocol, connection, k, sizes)
            except (OSError, http.client.HTTPException, ValueError, RpcError) as error:
                connection.close()
                with lock:
                    errors.append(f"call {k}: {error!r}")
                continue
            with lock:
                latencies.append(time.perf_counter() - started)
        connection.close()

    pool = [threading.Thread(target=worker, name=f"w5-client-{n}") for n in range(threads)]
    start = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - start
    not_made = len(list(numbers))  # left when the deadline passed: errors, never calls
    return LoadResult(len(latencies), len(errors) + not_made, seconds, latencies, errors[0] if errors else "")


def _one_call(protocol: RpcProtocol, connection: http.client.HTTPConnection, k: int,
              sizes: common.Sizes) -> None:
    payload = protocol.body(k, common.w5_offset(k, sizes), sizes.w5_limit)
    reused = connection.sock is not None
    try:
        reply = protocol.call(connection, payload)
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        if not reused:
            raise
        connection.close()  # the server dropped an idle keep-alive connection: one fresh try
        reply = protocol.call(connection, payload)
    rows = protocol.result(k, reply)
    expected = common.w5_expected_rows(k, sizes)
    if not isinstance(rows, list) or len(rows) != expected or not all(isinstance(r, dict) for r in rows):
        raise RpcError(f"call {k}: expected {expected} row dicts, got {str(rows)[:200]}")


def warm_up_calls(sizes: common.Sizes) -> range:
    """The warm-up call numbers, distinct from the measured ones so offsets still vary."""
    return range(sizes.w5_calls, sizes.w5_calls + sizes.w5_warmup)


def count_calls(sizes: common.Sizes) -> range:
    """The measured call numbers 0..w5_calls-1."""
    return range(sizes.w5_calls)

