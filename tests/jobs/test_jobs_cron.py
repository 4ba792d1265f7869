"""ir.cron: due crons run as their user, are rescheduled (months too), counted down, and fail safely."""

from datetime import datetime, timedelta

import pytest

from nexa.exceptions import ValidationError
from nexa.jobs import run_next_cron


def _cron(env, **values):
    return env["ir.cron"].create({"name": "T: tick", "model": "test.jobs.note", "method_name": "tick",
                                  "interval_type": "days", **values})


def test_a_due_cron_runs_and_moves_to_its_next_call(jobs_db, committed, now):
    with committed(jobs_db) as env:
        cron = _cron(env, nextcall=now - timedelta(hours=1), args='["daily"]')
    outcome = run_next_cron(jobs_db, now=now)
    assert (outcome.kind, outcome.id, outcome.state) == ("cron", cron.id, "done")
    assert run_next_cron(jobs_db, now=now) is None  # not due any more
    with committed(jobs_db) as env:
        cron = cron.with_env(env)
        assert (cron.nextcall, cron.lastcall) == (now + timedelta(hours=23), now)
        assert env["test.jobs.note"].search([]).mapped("name") == ["daily"]


def test_the_data_file_cron_steps_through_month_ends(jobs_db, committed):
    with committed(jobs_db) as env:
        cron = env.ref("test_jobs.cron_tick")
        cron.write({"active": True, "nextcall": datetime(2030, 1, 31, 6)})
    calls = []
    for now in (datetime(2030, 1, 31, 6), datetime(2030, 2, 28, 6), datetime(2030, 3, 28, 6)):
        assert run_next_cron(jobs_db, now=now).state == "done"
        with committed(jobs_db) as env:
            calls.append(cron.with_env(env).nextcall)
    assert calls == [datetime(2030, 2, 28, 6), datetime(2030, 3, 28, 6), datetime(2030, 4, 28, 6)]


def test_numbercall_counts_down_and_deactivates_the_cron(jobs_db, committed, now):
    with committed(jobs_db) as env:
        cron = _cron(env, nextcall=now, numbercall=2, interval_type="minutes")
    assert run_next_cron(jobs_db, now=now) is not None
    assert run_next_cron(jobs_db, now=now + timedelta(minutes=1)) is not None
    assert run_next_cron(jobs_db, now=now + timedelta(minutes=2)) is None
    with committed(jobs_db) as env:
        cron = cron.with_env(env).with_context(active_test=False)
        assert (cron.numbercall, cron.active) == (0, False)
        assert env["test.jobs.note"].search_count([]) == 2


def test_a_failing_cron_is_logged_rolled_back_and_rescheduled(jobs_db, committed, now, caplog):
    with committed(jobs_db) as env:
        cron = _cron(env, method_name="tick_and_fail", nextcall=now)
    outcome = run_next_cron(jobs_db, now=now)
    assert outcome.state == "failed" and "the cron failed on purpose" in outcome.error
    assert f"cron {cron.id} T: tick on {jobs_db.name}: failed" in caplog.text
    with committed(jobs_db) as env:
        assert env["test.jobs.note"].search_count([]) == 0
        assert cron.with_env(env).nextcall == now + timedelta(days=1)


def test_a_cron_runs_as_its_user_so_access_rights_apply(jobs_db, jobs_user, committed, now):
    with committed(jobs_db) as env:
        _cron(env, model="ir.config_parameter", method_name="set_param", args='["k", "v"]', nextcall=now,
              user_id=jobs_user)
        _cron(env, model="ir.autovacuum", method_name="power_on", nextcall=now, user_id=jobs_user)
    outcomes = [run_next_cron(jobs_db, now=now) for _ in range(2)]
    assert outcomes[0].state == "done"  # set_param uses sudo on purpose
    assert outcomes[1].state == "failed" and "Only administrators" in outcomes[1].error


@pytest.mark.addons("test_jobs")
@pytest.mark.parametrize(("values", "message"), [
    ({"method_name": "_tick"}, "private methods"),
    ({"method_name": "tock"}, "no public method 'tock'"),
    ({"model": "test.jobs.nose"}, "no model 'test.jobs.nose' \\(did you mean 'test.jobs.note'\\?\\)"),
    ({"args": "{'a': 1}"}, "is not JSON"),
    ({"args": '{"a": 1}'}, "must be a JSON list"),
    ({"interval_number": 0}, "The interval must be at least 1"),
])
def test_a_cron_that_could_not_run_is_refused(env, values, message):
    with pytest.raises(ValidationError, match=message):
        _cron(env, **values)
