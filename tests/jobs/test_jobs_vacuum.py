"""The auto-vacuum: transient records, expired sessions, old done jobs; and the cron shipped by base."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, update

from nexa.exceptions import AccessError
from nexa.http.sessions import SESSION_TABLE
from nexa.orm.vacuum import vacuum_transient

pytestmark = pytest.mark.addons("test_jobs")


def _age(env, records, hours):
    """Pretend ``records`` were last written ``hours`` ago."""
    moment = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=hours)
    table = records._table_obj
    env.transaction.execute(update(table).where(table.c.id.in_(records.ids)).values(write_date=moment,
                                                                                     create_date=moment))
    env.cache.clear()


def test_vacuum_deletes_only_records_older_than_max_hours(env):
    wizards = env["test.jobs.wizard"]
    old, fresh = wizards.create({"name": "old"}), wizards.create({"name": "fresh"})
    _age(env, old, 3)  # _transient_max_hours = 2
    _age(env, fresh, 1)
    assert vacuum_transient(wizards, now=datetime.now(UTC).replace(tzinfo=None)) == 1
    assert wizards.search([]) == fresh


def test_vacuum_keeps_at_most_max_count_but_never_recent_records(env):
    wizards = env["test.jobs.wizard"]  # _transient_max_count = 3
    records = [wizards.create({"name": str(n)}) for n in range(6)]
    for minutes, record in zip((50, 40, 30, 20, 10, 1), records, strict=True):
        _age(env, record, minutes / 60)
    assert vacuum_transient(wizards, now=datetime.now(UTC).replace(tzinfo=None)) == 3
    assert wizards.search([], order="id").mapped("name") == ["3", "4", "5"]


def test_without_max_hours_the_age_limit_given_applies(env, monkeypatch):
    wizards = env["test.jobs.wizard"]
    _age(env, wizards.create({"name": "x"}), 1.5)
    monkeypatch.setattr(type(wizards), "_transient_max_hours", None)  # the transient_age_limit option then
    now = datetime.now(UTC).replace(tzinfo=None)
    assert vacuum_transient(wizards, now=now, default_hours=2) == 0
    assert vacuum_transient(wizards, now=now, default_hours=1) == 1


def test_vacuum_refuses_regular_models(env):
    with pytest.raises(TypeError, match=r"test\.jobs\.note is not a transient model"):
        vacuum_transient(env["test.jobs.note"], now=datetime.now(UTC).replace(tzinfo=None))


def test_autovacuum_removes_old_wizards_expired_sessions_and_old_done_jobs(env):
    now = datetime.now(UTC).replace(tzinfo=None)
    old = env["test.jobs.wizard"].create({"name": "old"})
    _age(env, old, 5)
    note = env["test.jobs.note"].create({"name": "n"})
    jobs = [note.with_delay().append(str(n)) for n in range(3)]
    jobs[0].write({"state": "done", "date_done": now - timedelta(days=8)})
    jobs[1].write({"state": "done", "date_done": now - timedelta(days=6)})
    SESSION_TABLE.create(env.transaction.connection, checkfirst=True)
    env.transaction.execute(insert(SESSION_TABLE), [{"sid": "gone", "data": "{}", "expires": 1.0},
                                                   {"sid": "alive", "data": "{}", "expires": 4e9}])
    deleted = env["ir.autovacuum"].power_on()
    assert (deleted["test.jobs.wizard"], deleted["sessions"], deleted["ir.job"]) == (1, 1, 1)
    assert env["ir.job"].search([], order="id") == jobs[1] + jobs[2]
    sids = env.transaction.execute(SESSION_TABLE.select()).all()
    assert [row.sid for row in sids] == ["alive"]


def test_only_administrators_may_run_the_autovacuum(env):
    user = env["res.users"].create({"name": "Clerk", "login": "clerk_vacuum",
                                    "groups_id": [(6, 0, [env.ref("base.group_user").id])]})
    with pytest.raises(AccessError, match="Only administrators"):
        env["ir.autovacuum"].with_user(user).power_on()


def test_base_ships_a_daily_autovacuum_cron(env):
    cron = env.ref("base.autovacuum_job")
    assert (cron.name, cron.model, cron.method_name, cron.interval_number, cron.interval_type, cron.numbercall) \
        == ("Base: Auto-vacuum internal data", "ir.autovacuum", "power_on", 1, "days", -1)
    xmlid = env["ir.model.data"].search([("module", "=", "base"), ("name", "=", "autovacuum_job")])
    assert xmlid.noupdate
