"""``nexa-bin worker`` through the real command line, in a subprocess, on a SQLite database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from nexa.security.passwords import ROUNDS_VARIABLE

REPOSITORY = Path(__file__).resolve().parents[2]
LAUNCHER = REPOSITORY / "nexa-bin"

ENQUEUE = """\
note = env["test.jobs.note"].create({"name": "cli"})
note.with_delay().append("done by the worker")
note.with_delay().explode("on purpose").write({"max_attempts": 1})
"""
REPORT = """\
print(env["test.jobs.note"].search([("name", "=", "cli")]).body)
print(sorted(env["ir.job"].search([]).mapped("state")))
"""


@pytest.fixture(scope="module")
def sqlite_cli(tmp_path_factory):
    """``run(*args, stdin="")`` of ``nexa-bin`` on a SQLite data dir holding database ``jobs`` (test_jobs)."""
    data_dir = tmp_path_factory.mktemp("worker-cli")
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEXA_")}
    env[ROUNDS_VARIABLE] = "1000"
    base = [sys.executable, str(LAUNCHER), "--data-dir", str(data_dir),
            "--addons-path", f"{REPOSITORY / 'addons'},{REPOSITORY / 'tests' / 'addons'}"]

    def command(*args):
        return [*base, *args]

    def run(*args, stdin=""):
        return subprocess.run(command(*args), input=stdin, capture_output=True, text=True, env=env, timeout=300)

    created = run("db", "create", "jobs", "--with", "test_jobs", "--admin-password", "pw")
    assert created.returncode == 0, created.stderr
    run.command, run.env = command, env
    return run


def test_worker_once_runs_due_jobs_and_logs_one_line_each(sqlite_cli):
    assert sqlite_cli("-d", "jobs", "shell", stdin=ENQUEUE).returncode == 0
    result = sqlite_cli("--log-format", "json", "-d", "jobs", "worker", "--once")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    runs = [line["job"] for line in lines if "job" in line]
    assert {(run["kind"], run["name"], run["state"]) for run in runs} >= {
        ("job", "test.jobs.note.append", "done"), ("job", "test.jobs.note.explode", "failed")}
    assert all(run["duration_ms"] >= 0 and run["db"] == "jobs" for run in runs)
    report = sqlite_cli("-d", "jobs", "shell", stdin=REPORT)
    assert report.stdout.splitlines() == ["done by the worker", "['done', 'failed']"]


def test_worker_keeps_polling_and_stops_on_sigterm(sqlite_cli):
    assert sqlite_cli("-d", "jobs", "shell", stdin='env["test.jobs.note"].tick("polled")').returncode == 0
    worker = subprocess.Popen(sqlite_cli.command("-d", "jobs", "worker", "--poll-interval", "0.1"),
                              stderr=subprocess.PIPE, text=True, env=sqlite_cli.env)
    try:
        enqueue = 'env["test.jobs.note"].search([("name", "=", "polled")]).with_delay().append("!")'
        assert sqlite_cli("-d", "jobs", "shell", stdin=enqueue).returncode == 0
        for line in worker.stderr:  # the job enqueued after start-up is picked up by polling
            if "test.jobs.note.append" in line:
                assert ": done in " in line
                break
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.stderr.close()


def test_worker_on_a_missing_database_is_an_error(sqlite_cli):
    result = sqlite_cli("-d", "nope", "worker", "--once")
    assert (result.returncode, result.stderr.strip()) == (
        1, "error: Database 'nope' does not exist; create it with 'nexa-bin db create nope'")
