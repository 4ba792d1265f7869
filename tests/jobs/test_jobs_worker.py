"""The worker loop: which databases it serves, and stopping between two jobs."""

import threading
import time
from types import SimpleNamespace

from nexa.jobs import Worker


def _runtime(names, dbfilter=""):
    config = SimpleNamespace(dbfilter=dbfilter, poll_interval=5.0, redis_url="")
    return SimpleNamespace(config=config, server=SimpleNamespace(list=lambda: list(names)))


def test_without_databases_the_worker_serves_what_dbfilter_lets_the_server_serve():
    assert Worker(_runtime(["shop_a", "crm", "shop_b"], dbfilter="shop_.*")).databases() == ["shop_a", "shop_b"]
    assert Worker(_runtime(["shop_a", "crm"])).databases() == ["shop_a", "crm"]
    assert Worker(_runtime(["shop_a", "crm"]), ["crm"]).databases() == ["crm"]


def test_a_stopped_worker_finishes_the_current_job_and_takes_no_other(jobs_db, committed, nexa_runtime, now):
    with committed(jobs_db) as env:
        note = env["test.jobs.note"].create({"name": "n"})
        for text in "abc":
            note.with_delay().append(text)
    worker = Worker(nexa_runtime, [jobs_db.name], clock=lambda: now)
    real_clock = worker.clock

    def clock_that_stops_after_the_first_job():
        if worker.outcomes:
            worker.stop()  # as SIGTERM would, while the worker is busy
        return real_clock()

    worker.clock = clock_that_stops_after_the_first_job
    assert worker.run_pending() == 1
    with committed(jobs_db) as env:
        assert env["test.jobs.note"].browse(note.id).body == "a"
        assert sorted(env["ir.job"].search([]).mapped("state")) == ["done", "pending", "pending"]


def test_run_forever_returns_once_stopped(nexa_runtime, jobs_db):
    worker = Worker(nexa_runtime, [jobs_db.name], poll_interval=0.05)
    thread = threading.Thread(target=worker.run_forever)
    thread.start()
    worker.stop()
    thread.join(10)
    assert not thread.is_alive()


def test_the_threaded_server_runs_jobs_in_its_cron_threads(jobs_db, committed, nexa_runtime):
    from nexa.http.server import start_background_workers

    with committed(jobs_db) as env:
        note = env["test.jobs.note"].create({"name": "n"})
        note.with_delay().append("x")
    workers = start_background_workers(nexa_runtime, 2, [jobs_db.name])
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with committed(jobs_db) as env:
                if env["test.jobs.note"].browse(note.id).body == "x":
                    break
            time.sleep(0.05)
        with committed(jobs_db) as env:
            assert env["test.jobs.note"].browse(note.id).body == "x"
            assert env["ir.job"].search([]).mapped("state") == ["done"]
    finally:
        for worker in workers:
            worker.stop()
