"""RPC benchmark: ``search_read`` calls/s and p50/p99 latency of concurrent clients on a real server.

It answers one question: how many list-view-sized reads does ``nexa-bin server``
serve over the external API, with werkzeug threads and with gunicorn workers?

    python -m tools.bench.rpc                          # SQLite, threaded and --workers 2
    python -m tools.bench.rpc --backend pg --seconds 20 --clients 8
    python -m tools.bench.rpc --servers workers2 --json

Steps: create a database ``bench_rpc`` (base + ``--records`` partners) in a
temporary data folder (or on the PostgreSQL server), start ``nexa-bin server``
in a subprocess on a free port (``--workers 2`` for gunicorn), wait for
``/health``, let every client warm up, then have ``--clients`` threads call
``object.execute_kw(..., "res.partner", "search_read", ...)`` over JSON-RPC on
keep-alive connections for ``--seconds``. Each call is checked (a JSON-RPC
error or a short page counts as an error). The server is stopped by its
process group and the database dropped. Numbers depend on the machine: compare
runs of one invocation only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[2]
DATABASE = "bench_rpc"
LOGIN, PASSWORD = "admin", "bench-rpc-password"
PG_URL = "postgresql://postgres@127.0.0.1:5432"
SERVERS = {"threaded": [], "workers2": ["--workers", "2"]}
FIELDS = ["name", "email", "country_id"]
PAGE = 20
TERMS = [str(digit) for digit in range(10)]  # names are "Partner 000123": every digit matches many


@dataclass(frozen=True)
class Result:
    """One server measured: throughput, latency percentiles (milliseconds) and failed calls."""

    server: str
    backend: str
    clients: int
    calls: int
    seconds: float
    calls_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    first_error: str = ""


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list (0.0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, round(fraction * len(sorted_values) + 0.5 - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


class JsonRpcClient:
    """One keep-alive HTTP connection posting Odoo's JSON-RPC envelope to ``/jsonrpc``."""

    def __init__(self, base_url: str) -> None:
        host_port = base_url.split("://", 1)[1]
        host, port = host_port.rsplit(":", 1)
        self.connection = http.client.HTTPConnection(host, int(port), timeout=60)
        self.request_id = 0

    def call(self, service: str, method: str, *args: Any) -> Any:
        self.request_id += 1
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": self.request_id,
                           "params": {"service": service, "method": method, "args": list(args)}})
        self.connection.request("POST", "/jsonrpc", body, {"Content-Type": "application/json"})
        reply = json.loads(self.connection.getresponse().read())
        if "error" in reply:
            raise RuntimeError(reply["error"]["data"]["message"])
        return reply["result"]

    def close(self) -> None:
        self.connection.close()


def search_read(client: JsonRpcClient, database: str, uid: int, password: str, call_number: int) -> list[dict]:
    """The measured call: one page of partners matching a name, as a list view asks for it."""
    domain = [["name", "ilike", TERMS[call_number % len(TERMS)]]]
    return client.call("object", "execute_kw", database, uid, password, "res.partner", "search_read", [domain],
                       {"fields": FIELDS, "limit": PAGE, "order": "name"})


def measure(base_url: str, database: str, *, clients: int, seconds: float, warmup: int = 20,
            password: str = PASSWORD, server: str = "", backend: str = "") -> Result:
    """Run ``clients`` threads calling ``search_read`` for ``seconds`` (after ``warmup`` calls each).

    The database needs at least a page (20) of partners whose name holds each digit.
    """
    uid = JsonRpcClient(base_url).call("common", "login", database, LOGIN, password)
    if not uid:
        raise RuntimeError(f"Cannot log in to {database!r} as {LOGIN!r}")
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    messages: list[str] = []
    ready = threading.Barrier(clients + 1)
    stop = threading.Event()

    def client_loop(index: int) -> None:
        client = JsonRpcClient(base_url)
        try:
            for number in range(warmup):
                search_read(client, database, uid, password, number)
            ready.wait()
            number = 0
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    rows = search_read(client, database, uid, password, index + number)
                    ok = len(rows) == PAGE and all(set(row) == {"id", *FIELDS} for row in rows)
                    if not ok:
                        messages.append(f"a page of {len(rows)} rows instead of {PAGE}")
                except (OSError, RuntimeError, http.client.HTTPException, ValueError) as error:
                    messages.append(f"{type(error).__name__}: {error}")
                    client.close()
                    client = JsonRpcClient(base_url)
                    ok = False
                latencies[index].append(time.perf_counter() - started)
                errors[index] += not ok
                number += 1
        finally:
            client.close()

    threads = [threading.Thread(target=client_loop, args=(index,), daemon=True) for index in range(clients)]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latency for per_client in latencies for latency in per_client)
    return Result(server=server, backend=backend, clients=clients, calls=len(ordered), seconds=round(elapsed, 3),
                  calls_per_second=round(len(ordered) / elapsed, 1),
                  p50_ms=round(percentile(ordered, 0.50) * 1000, 2),
                  p99_ms=round(percentile(ordered, 0.99) * 1000, 2), errors=sum(errors),
                  first_error=messages[0] if messages else "")


# -- the database and the server ---------------------------------------------------------------
def make_config(data_dir: Path, backend: str) -> Any:
    from nexa.config import load_config

    return load_config(cli={"data_dir": data_dir, "db_url": PG_URL if backend == "pg" else "",
                            "log_level": "warning", "dbfilter": f"^{DATABASE}$"}, env={}, search=False)


def prepare_database(config: Any, records: int) -> None:
    """(Re)create ``bench_rpc`` with base and ``records`` partners named ``Partner <n>``."""
    from nexa.modules.databases import create_database, drop_database
    from nexa.runtime import Runtime

    runtime = Runtime(config)
    try:
        if runtime.server.exists(DATABASE):
            drop_database(runtime, DATABASE)
        create_database(runtime, DATABASE, admin_login=LOGIN, admin_password=PASSWORD)
        with runtime.environment(DATABASE) as env:
            countries = env["res.country"].search([], limit=10).ids
            env["res.partner"].create([{"name": f"Partner {n:06d}", "email": f"partner{n}@example.com",
                                        "country_id": countries[n % len(countries)] if countries else False}
                                       for n in range(records)])
    finally:
        runtime.close()


def drop_bench_database(config: Any) -> None:
    from nexa.modules.databases import drop_database
    from nexa.runtime import Runtime

    runtime = Runtime(config)
    try:
        if runtime.server.exists(DATABASE):
            drop_database(runtime, DATABASE)
    finally:
        runtime.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(config: Any, extra: list[str], log_path: Path, timeout: float = 120.0) -> Iterator[str]:
    """``nexa-bin server`` in its own process group; yields its URL once ``/health`` answers."""
    port = free_port()
    command = [sys.executable, str(REPOSITORY / "nexa-bin"), "--data-dir", str(config.data_dir),
               "--db-url", config.db_url, "--dbfilter", config.dbfilter, "--log-level", "warning",
               "server", "--http-port", str(port), *extra]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=REPOSITORY, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for_health(url, process, timeout, log_path)
            yield url
        finally:
            stop_server(process)


def wait_for_health(url: str, process: subprocess.Popen, timeout: float, log_path: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited with status {process.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The server did not answer /health within {timeout:.0f} s; see {log_path}")


def stop_server(process: subprocess.Popen) -> None:
    """SIGTERM the server's process group (gunicorn's master and workers), SIGKILL it if it lingers."""
    if process.poll() is not None:
        return
    group = os.getpgid(process.pid)
    os.killpg(group, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(group, signal.SIGKILL)
        process.wait(timeout=15)


# -- command line ------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.rpc", description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "pg"), default="sqlite")
    parser.add_argument("--servers", default="threaded,workers2",
                        help="comma-separated: threaded (werkzeug) and/or workers2 (gunicorn --workers 2)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per server (default 10)")
    parser.add_argument("--records", type=int, default=2000,
                        help="partners in the database (default 2000, at least 200)")
    parser.add_argument("--work", type=Path, help="data folder and server logs (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per server")
    args = parser.parse_args(argv)
    if args.records < 200:
        parser.error("--records must be at least 200 (each search must fill a page of 20)")
    args.servers = [name.strip() for name in args.servers.split(",") if name.strip()]
    unknown = sorted(set(args.servers) - set(SERVERS))
    if unknown:
        parser.error(f"unknown server {', '.join(unknown)}: use {', '.join(SERVERS)}")
    return args


def print_table(results: list[Result]) -> None:
    print(f"{'server':<10} {'backend':<7} {'clients':>7} {'calls':>7} {'calls/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'errors':>6}")
    for r in results:
        print(f"{r.server:<10} {r.backend:<7} {r.clients:>7} {r.calls:>7} {r.calls_per_second:>9.1f} "
              f"{r.p50_ms:>8.2f} {r.p99_ms:>8.2f} {r.errors:>6}")
    for r in results:
        if r.first_error:
            print(f"{r.server}: first error: {r.first_error}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="nexa-bench-rpc-"))
    work.mkdir(parents=True, exist_ok=True)
    config = make_config(work, args.backend)
    print(f"Preparing {DATABASE} ({args.backend}, {args.records} partners) in {work}", file=sys.stderr)
    prepare_database(config, args.records)
    results = []
    try:
        for name in args.servers:
            with running_server(config, SERVERS[name], work / f"server-{name}.log") as url:
                result = measure(url, DATABASE, clients=args.clients, seconds=args.seconds, server=name,
                                 backend=args.backend)
            results.append(result)
            if args.json:
                print(json.dumps(asdict(result), sort_keys=True))
    finally:
        drop_bench_database(config)
    if not args.json:
        print_table(results)
    return 1 if any(result.errors for result in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
