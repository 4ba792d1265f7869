"""The benchmark harness as CI runs it: ``--smoke`` of the raw systems on SQLite.

These tests check the shape of the output and the answers' correctness (which the harness
checks itself while timing), never a speed: CI machines are too noisy for timing assertions.
Tryton is not installed here (``--systems raw``).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tools.bench import common, report
from tools.bench.w5.client import OdooProtocol, TrytonProtocol

REPO = Path(__file__).resolve().parents[2]
MEASUREMENT_KEYS = {"kind", "suite", "system", "backend", "workload", "run", "n", "seconds", "rate", "unit"}
W5_KEYS = {"p50_ms", "p99_ms", "errors", "server", "model", "label"}
SERVER_KEYS = {"startup_s", "rss_start_mb", "rss_idle_mb", "rss_peak_mb", "processes"}


@dataclass
class SmokeRun:
    returncode: int
    stderr: str
    records: list[dict[str, Any]]
    summaries: list[Path]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> SmokeRun:
    out = tmp_path_factory.mktemp("bench-out")
    work = tmp_path_factory.mktemp("bench-work")
    command = [sys.executable, "-m", "tools.bench", "--smoke", "--backends", "sqlite", "--systems", "raw",
               "--out", str(out), "--work", str(work), "--timeout", "120"]
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    results = sorted(out.glob("bench-*.jsonl"))
    records = report.load(results[0]) if results else []
    return SmokeRun(completed.returncode, completed.stderr, records, sorted(out.glob("summary-*.md")))


def workload_lines(run: SmokeRun) -> list[dict[str, Any]]:
    return [record for record in run.records if record.get("kind") == "workload"]


def test_smoke_run_exits_zero(smoke: SmokeRun) -> None:
    assert smoke.returncode == 0, smoke.stderr[-3000:]


def test_every_measurement_line_has_the_documented_keys(smoke: SmokeRun) -> None:
    lines = workload_lines(smoke)
    assert lines, smoke.stderr[-3000:]
    assert all(set(line) >= MEASUREMENT_KEYS for line in lines)
    assert all(line["backend"] == "sqlite" and line["run"] == 1 for line in lines)


def test_every_raw_workload_produced_a_positive_rate(smoke: SmokeRun) -> None:
    expected = {(suite, workload) for suite in ("limit-dbapi", "limit-core")
                for workload in ("W1", "W2a", "W2b", "W3", "W4")}
    expected |= {("limit-threaded", "W5"), ("limit-gunicorn", "W5")}
    lines = workload_lines(smoke)
    assert {(line["suite"], line["workload"]) for line in lines} == expected
    assert all(line["rate"] > 0 and line["seconds"] > 0 and line["n"] > 0 for line in lines)


def test_smoke_sizes_are_the_ones_measured(smoke: SmokeRun) -> None:
    sizes = {line["workload"]: line["n"] for line in workload_lines(smoke) if line["suite"] == "limit-dbapi"}
    assert sizes == {"W1": common.SMOKE.records, "W2a": common.SMOKE.searches, "W2b": common.SMOKE.searches,
                     "W3": common.SMOKE.records, "W4": common.SMOKE.records}


def test_w5_lines_carry_latencies_and_no_errors(smoke: SmokeRun) -> None:
    lines = [line for line in workload_lines(smoke) if line["workload"] == "W5"]
    assert len(lines) == 2
    assert all(set(line) >= W5_KEYS for line in lines)
    assert all(line["errors"] == 0 and line["n"] == common.SMOKE.w5_calls for line in lines)
    assert all(0 < line["p50_ms"] <= line["p99_ms"] for line in lines)


def test_each_server_reports_startup_and_memory(smoke: SmokeRun) -> None:
    servers = {line["suite"]: line for line in smoke.records if line.get("kind") == "server"}
    assert set(servers) == {"limit-threaded", "limit-gunicorn"}
    assert all(set(line) >= SERVER_KEYS for line in servers.values())
    assert servers["limit-gunicorn"]["processes"] == 3
    assert all(0 < s["rss_start_mb"] <= s["rss_peak_mb"] and s["startup_s"] > 0 for s in servers.values())


def test_summary_table_is_written_with_every_raw_suite(smoke: SmokeRun) -> None:
    assert len(smoke.summaries) == 1
    text = smoke.summaries[0].read_text()
    assert all(name in text for name in ("limit-dbapi", "limit-core", "limit: werkzeug threaded",
                                         "limit: gunicorn -w 2"))


def test_w2a_expected_hits_match_the_workload_definition() -> None:
    assert common.w2a_expected_hits(common.FULL) == 29_971


def test_ratios_are_medians_of_the_same_results() -> None:
    def line(suite: str, rate: float, run: int) -> dict[str, Any]:
        return {"kind": "workload", "suite": suite, "system": suite.split("-")[0], "backend": "pg",
                "workload": "W1", "run": run, "n": 1, "seconds": 1.0, "rate": rate, "unit": "records/s"}

    records = [line("nexa", rate, n) for n, rate in enumerate((900.0, 1000.0, 5000.0), 1)]
    records += [line("tryton-flat", rate, n) for n, rate in enumerate((2000.0, 2000.0, 1.0), 1)]
    row = next(text for text in report.inprocess_table(records) if text.startswith("| W1"))
    # columns: the two suites, then nexa/tryton, nexa/core, nexa/raw, raw/tryton
    assert row == "| W1 create, records/s | pg | 2,000 (1–2,000) | 1,000 (900–5,000) | 0.5× | – | – | – |"


def test_a_system_that_cannot_run_is_listed_with_its_reason() -> None:
    records = [{"kind": "unavailable", "suite": "nexa", "backend": "sqlite", "status": "not available",
                "reason": "the Nexa ORM does not exist yet"}]
    assert "- nexa on sqlite: not available (the Nexa ORM does not exist yet)" in report.render(records)


def test_nexa_calls_use_odoo_execute_kw_envelope() -> None:
    protocol = OdooProtocol(database="bench_nexa", fields=("name", "email"), uid=2)
    assert protocol.path == "/jsonrpc"
    assert protocol.body(7, 160, 80) == {
        "jsonrpc": "2.0", "method": "call", "id": 7,
        "params": {"service": "object", "method": "execute_kw", "args": [
            "bench_nexa", 2, "admin", "bench.partner", "search_read", [[]],
            {"fields": ["name", "email"], "offset": 160, "limit": 80, "order": "id ASC"}]},
    }


def test_tryton_calls_use_its_model_method_and_database_path() -> None:
    protocol = TrytonProtocol(database="bench_tryton", model="party.party", fields=("name",))
    assert (protocol.path, protocol.body(3, 240, 80)) == (
        "/bench_tryton/rpc/",
        {"id": 3, "method": "model.party.party.search_read", "params": [[], 240, 80, [["id", "ASC"]], ["name"], {}]},
    )
