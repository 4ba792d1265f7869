"""W5 end to end: start a server on a free loopback port, measure it under load, stop it.

Every server (the raw limit, trytond, later ``nexa-bin server``) goes through this one function,
so start-up time, memory and throughput are measured the same way for all: start-up is from
``Popen`` to the first HTTP answer; memory is the RSS summed over the server's process tree
after start, after login ("idle") and at its peak in 50 ms samples over the warm-up and the runs.
The server runs in its own session and is ended by its process group id, nothing broader.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from tools.bench import common
from tools.bench.timing import Emit, Measurement
from tools.bench.w5.client import RpcProtocol, connect, count_calls, run_load, warm_up_calls

SAMPLE_EVERY_S = 0.05
MB = 1024 * 1024


class ServerFailed(RuntimeError):
    """The server did not start, or could not log in, within its time."""


@dataclass
class ServerSpec:
    """One W5 server: how to start it on a port and which envelope its calls use."""

    suite: str  # limit-threaded, tryton-gunicorn, ...
    system: str  # raw, tryton, nexa
    server: str  # "threaded" or "workers2": ratios compare the same kind
    label: str  # the human name in the summary
    model: str
    command: Callable[[int], list[str]]
    protocol: Callable[[], RpcProtocol]
    env: dict[str, str] = field(default_factory=dict)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tree_rss(process: psutil.Process) -> tuple[float, int]:
    """RSS in MB summed over ``process`` and its descendants, and how many processes that is."""
    members = [process, *process.children(recursive=True)]
    total = 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / MB, len(members)


class PeakSampler(threading.Thread):
    """Samples the tree's RSS every 50 ms and keeps the highest value."""

    def __init__(self, process: psutil.Process) -> None:
        super().__init__(name="w5-rss-sampler", daemon=True)
        self.process = process
        self.peak = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_EVERY_S):
            try:
                self.peak = max(self.peak, tree_rss(self.process)[0])
            except psutil.Error:  # the server died: run_w5 reports that, the sampler just ends
                return

    def stop(self) -> float:
        """Stop sampling and return the peak in MB."""
        self.done.set()
        self.join()
        return self.peak


def run_w5(spec: ServerSpec, backend: str, sizes: common.Sizes, emit: Emit, *, log_dir: Path,
           log: Emit, start_timeout_s: float = 180.0, run_timeout_s: float = 300.0) -> None:
    """Start ``spec``'s server, warm it up, time ``sizes.runs`` batches of calls, record its memory."""
    log_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with open(log_dir / f"{spec.suite}-{backend}.log", "wb") as server_log:
        started = time.perf_counter()
        process = subprocess.Popen(
            spec.command(port), cwd=common.REPO_ROOT, env={**os.environ, **spec.env},
            stdout=server_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        sampler: PeakSampler | None = None
        try:
            _wait_until_serving(process, port, started + start_timeout_s, server_log.name)
            startup_s = time.perf_counter() - started
            tree = psutil.Process(process.pid)
            rss_start, processes = _settled_rss(tree)
            protocol = spec.protocol()
            connection = connect(port)
            protocol.login(connection)
            connection.close()
            rss_idle, _ = tree_rss(tree)
            sampler = PeakSampler(tree)
            sampler.start()
            warm = run_load(protocol, port, warm_up_calls(sizes), sizes, deadline_s=run_timeout_s)
            if warm.calls == 0:
                raise ServerFailed(f"{spec.label} answered no warm-up call: {warm.first_error}")
            for run in range(1, sizes.runs + 1):
                result = run_load(protocol, port, count_calls(sizes), sizes, deadline_s=run_timeout_s)
                extra = {"p50_ms": result.percentile_ms(0.50), "p99_ms": result.percentile_ms(0.99),
                         "errors": result.errors, "server": spec.server, "label": spec.label,
                         "model": spec.model}
                if result.first_error:
                    extra["first_error"] = result.first_error
                measurement = Measurement(spec.suite, spec.system, backend, "W5", run, result.calls,
                                          result.seconds, extra)
                emit(measurement.to_record())
                log({"suite": spec.suite, "backend": backend, "workload": "W5", "run": run,
                     "rate": measurement.rate, "unit": "calls/s", "errors": result.errors})
            emit(_server_record(spec, backend, processes, startup_s, rss_start, rss_idle, sampler.stop()))
        finally:
            if sampler is not None:
                sampler.stop()
            _stop(process)


def _server_record(spec: ServerSpec, backend: str, processes: int, startup_s: float, rss_start: float,
                   rss_idle: float, rss_peak: float) -> dict[str, Any]:
    return {"kind": "server", "suite": spec.suite, "system": spec.system, "backend": backend,
            "server": spec.server, "label": spec.label, "model": spec.model, "processes": processes,
            "startup_s": startup_s, "rss_start_mb": rss_start, "rss_idle_mb": rss_idle,
            "rss_peak_mb": max(rss_peak, rss_idle, rss_start)}


def _settled_rss(tree: psutil.Process, *, limit_s: float = 10.0) -> tuple[float, int]:
    """The tree's RSS once its process count has held still for 0.5 s (gunicorn forks after answering)."""
    counts: list[int] = []
    deadline = time.perf_counter() + limit_s
    while time.perf_counter() < deadline and (len(counts) < 5 or len(set(counts[-5:])) > 1):
        counts.append(tree_rss(tree)[1])
        time.sleep(0.1)
    return tree_rss(tree)


def _wait_until_serving(process: subprocess.Popen, port: int, deadline: float, log_path: str) -> None:
    """Poll until any HTTP answer comes back; fail early if the server exits."""
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise ServerFailed(f"server exited with {process.returncode}; see {log_path}:\n{_tail(log_path)}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except (OSError, http.client.HTTPException):
            time.sleep(SAMPLE_EVERY_S)
        finally:
            connection.close()
    raise ServerFailed(f"server did not answer on port {port} in time; see {log_path}:\n{_tail(log_path)}")


def _stop(process: subprocess.Popen) -> None:
    """End the server's process group (it was started as its own session), then reap it.

    The group is signalled even when its leader has exited, so no orphaned worker outlives it.
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=15)
            break
        except subprocess.TimeoutExpired:
            continue


def _tail(path: str, lines: int = 15) -> str:
    with open(path, errors="replace") as handle:
        return "".join(handle.readlines()[-lines:])
