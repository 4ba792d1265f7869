"""Several workers at once never take the same job or cron (threads, each with its own connections)."""

import threading
from datetime import timedelta

from nexa.jobs import Worker
from nexa.jobs.cron import run_next_cron


def _run_in_threads(count, target):
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait()
            target()
        except Exception as error:  # reported by the test, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []


def test_four_workers_run_each_job_exactly_once(jobs_db, committed, nexa_runtime, now):
    with committed(jobs_db) as env:
        notes = env["test.jobs.note"].create([{"name": str(n)} for n in range(24)])
        for note in notes:  # one job per note: jobs on the same record may run at the same time
            note.with_delay().append("x")
    workers = [Worker(nexa_runtime, [jobs_db.name], clock=lambda: now) for _ in range(4)]
    ran = []
    _run_in_threads(4, lambda: ran.extend(
        outcome.id for worker in [workers.pop()] if worker.run_pending() for outcome in worker.outcomes))
    assert len(ran) == len(set(ran)) == 24
    with committed(jobs_db) as env:
        assert set(notes.with_env(env).mapped("body")) == {"x"}
        assert set(env["ir.job"].search([]).mapped("state")) == {"done"}


def test_two_workers_never_run_one_cron_twice(jobs_db, committed, now):
    with committed(jobs_db) as env:
        env["ir.cron"].create({"name": "T: once", "model": "test.jobs.note", "method_name": "tick",
                               "interval_type": "hours", "nextcall": now - timedelta(minutes=1)})
    outcomes = []
    _run_in_threads(2, lambda: outcomes.append(run_next_cron(jobs_db, now=now)))
    assert sorted(outcome is None for outcome in outcomes) == [False, True]
    with committed(jobs_db) as env:
        assert env["test.jobs.note"].search_count([]) == 1
