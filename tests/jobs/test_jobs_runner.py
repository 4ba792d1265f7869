"""Running jobs: same transaction as the change, the enqueuing user, retries, eta (committed database)."""

from datetime import timedelta

import pytest

from nexa.jobs import Worker, run_next_job
from nexa.jobs.schedule import retry_delay


def _job(env, job_id):
    job = env["ir.job"].browse(job_id)
    return {name: job[name] for name in ("state", "attempts", "error", "eta", "date_done")}


def test_a_rolled_back_change_leaves_no_job(jobs_db, committed):
    class Abort(Exception):
        pass

    with pytest.raises(Abort), committed(jobs_db) as env:
        env["test.jobs.note"].create({"name": "n"}).with_delay().append("x")
        assert env["ir.job"].search_count([]) == 1
        raise Abort
    with committed(jobs_db) as env:
        assert env["ir.job"].search_count([]) == 0


def test_the_worker_runs_a_committed_job_and_marks_it_done(jobs_db, committed, nexa_runtime, now):
    with committed(jobs_db) as env:
        note = env["test.jobs.note"].create({"name": "n"})
        job_id = note.with_delay().append("ab", times=2).id
    worker = Worker(nexa_runtime, [jobs_db.name], clock=lambda: now)
    assert worker.run_pending() == 1
    assert [(o.kind, o.id, o.state) for o in worker.outcomes] == [("job", job_id, "done")]
    with committed(jobs_db) as env:
        assert env["test.jobs.note"].browse(note.id).body == "abab"
        assert _job(env, job_id) == {"state": "done", "attempts": 1, "error": False, "eta": False,
                                     "date_done": now}
    assert worker.run_pending() == 0  # done jobs are not run again


def test_a_job_runs_as_its_user_and_in_sudo_only_when_enqueued_in_sudo(jobs_db, jobs_user, committed, now):
    with committed(jobs_db, jobs_user, su=False) as env:
        note = env["test.jobs.note"].create({"name": "mine"})
        note.with_delay().append("x")
    assert run_next_job(jobs_db, now=now).details["uid"] == jobs_user
    with committed(jobs_db) as env:
        assert env["test.jobs.note"].browse(note.id).read(["body", "ran_as"])[0]["ran_as"] == str(jobs_user)
        note.with_env(env).with_delay().append("y")  # enqueued under sudo (uid 1)
    run_next_job(jobs_db, now=now)
    with committed(jobs_db) as env:
        assert env["test.jobs.note"].browse(note.id).read(["body", "ran_as"])[0] | {"id": 0} == {
            "id": 0, "body": "xy", "ran_as": "1 su"}


def test_record_rules_apply_to_the_job_of_a_user(jobs_db, jobs_user, committed, now):
    with committed(jobs_db) as env:
        others = env["test.jobs.note"].create({"name": "admin's"})  # owned by uid 1: hidden from jobs_user
        job_id = others.with_user(jobs_user).with_delay().append("x").id
    outcome = run_next_job(jobs_db, now=now)
    assert (outcome.id, outcome.state) == (job_id, "retry")
    with committed(jobs_db) as env:
        job = _job(env, job_id)
        assert job["state"] == "pending" and "AccessError" in job["error"]
        assert env["test.jobs.note"].browse(others.id).body == ""


def test_a_failing_job_is_retried_with_backoff_then_failed_with_its_changes_rolled_back(jobs_db, committed, now):
    with committed(jobs_db) as env:
        note = env["test.jobs.note"].create({"name": "n", "body": "intact"})
        job_id = note.with_delay().explode("boom").id
    moment = now
    for attempt in (1, 2):
        outcome = run_next_job(jobs_db, now=moment)
        assert (outcome.state, outcome.details["attempt"]) == ("retry", attempt)
        assert run_next_job(jobs_db, now=moment) is None  # waits for its retry delay
        with committed(jobs_db) as env:
            assert _job(env, job_id)["eta"] == moment + retry_delay(attempt)
        moment += retry_delay(attempt)
    assert run_next_job(jobs_db, now=moment).state == "failed"
    with committed(jobs_db) as env:
        job = _job(env, job_id)
        assert (job["state"], job["attempts"]) == ("failed", 3)
        assert "UserError: explode: boom" in job["error"]
        assert env["test.jobs.note"].browse(note.id).body == "intact"
        env["ir.job"].browse(job_id).requeue()
        assert _job(env, job_id)["state"] == "pending"


def test_a_job_waits_for_its_eta(jobs_db, committed, now):
    with committed(jobs_db) as env:
        note = env["test.jobs.note"].create({"name": "n"})
        job_id = note.with_delay(eta=now + timedelta(minutes=10)).append("late").id
        note.with_delay(priority=20).append("-soon")
    assert run_next_job(jobs_db, now=now).name == "test.jobs.note.append"
    assert run_next_job(jobs_db, now=now) is None
    assert run_next_job(jobs_db, now=now + timedelta(minutes=10)).id == job_id
    with committed(jobs_db) as env:
        assert env["test.jobs.note"].browse(note.id).body == "-soonlate"


def test_lower_priority_runs_first(jobs_db, committed, nexa_runtime, now):
    with committed(jobs_db) as env:
        note = env["test.jobs.note"].create({"name": "n"})
        note.with_delay(priority=20).append("b")
        note.with_delay(priority=5).append("a")
    assert Worker(nexa_runtime, [jobs_db.name], clock=lambda: now).run_pending() == 2
    with committed(jobs_db) as env:
        assert env["test.jobs.note"].browse(note.id).body == "ab"
