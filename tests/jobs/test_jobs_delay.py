"""with_delay(): what is written, and what is refused (in the rolled-back env of each test)."""

from datetime import UTC, datetime, timedelta

import pytest

from nexa.exceptions import AccessError, UserError
from nexa.rpc.dispatch import check_method_name

pytestmark = pytest.mark.addons("test_jobs")


@pytest.fixture
def note(env):
    return env["test.jobs.note"].create({"name": "n1"})


def test_with_delay_writes_a_pending_job_naming_the_call(env, note):
    job = note.with_delay(priority=3).append("x", times=2)
    assert job.read(["name", "state", "model", "method", "record_ids", "args", "kwargs", "priority",
                     "user_id", "superuser", "eta", "attempts"])[0] | {"id": 0} == {
        "id": 0, "name": "test.jobs.note.append", "state": "pending", "model": "test.jobs.note",
        "method": "append", "record_ids": [note.id], "args": ["x"], "kwargs": {"times": 2}, "priority": 3,
        "user_id": [env.uid, "Administrator"], "superuser": True, "eta": False, "attempts": 0}
    assert note.body == ""  # nothing called yet


def test_the_job_remembers_the_user_and_context_without_sudo(env, note):
    job = note.with_user(env.uid).with_context(lang="en_US", tz="Europe/Brussels").with_delay().append("x")
    assert (job.superuser, job.context) == (False, {"lang": "en_US", "tz": "Europe/Brussels"})


def test_eta_may_be_a_timedelta_an_aware_datetime_or_seconds(env, note):
    before = datetime.now(UTC).replace(tzinfo=None)
    in_an_hour = note.with_delay(eta=timedelta(hours=1)).append("x").eta
    assert timedelta(minutes=59) < in_an_hour - before < timedelta(minutes=61)
    aware = datetime(2030, 5, 1, 14, 0, tzinfo=UTC).astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris"))
    assert note.with_delay(eta=aware).append("x").eta == datetime(2030, 5, 1, 14, 0)
    assert note.with_delay(eta=30).append("x").eta - before < timedelta(seconds=32)


def test_private_methods_are_refused_with_the_fix(note):
    with pytest.raises(UserError, match=r"Cannot delay test\.jobs\.note\._check_company\(\): private methods "
                                        r".*add a public method to test\.jobs\.note that calls it"):
        note.with_delay()._check_company()


def test_an_unknown_method_suggests_the_closest(note):
    with pytest.raises(UserError, match=r"test\.jobs\.note has no public method 'apend' \(did you mean 'append'\?\)"):
        note.with_delay().apend("x")


def test_plumbing_and_fields_are_not_delayable(note):
    for name in ("sudo", "with_delay", "body"):
        with pytest.raises(UserError, match=f"no public method '{name}'"):
            getattr(note.with_delay(), name)


def test_arguments_that_are_not_json_are_refused_naming_the_argument(note):
    with pytest.raises(UserError, match=r"append\(\): argument 1 is datetime\.date\(2024, 1, 1\) \(date\), which "
                                        r"is not JSON"):
        note.with_delay().append(__import__("datetime").date(2024, 1, 1))
    with pytest.raises(UserError, match=r"keyword argument 'times' is test\.jobs\.note\(\d+,\).*pass record ids"):
        note.with_delay().append("x", times=note)
    with pytest.raises(UserError, match="keyword argument 'times' is nan"):
        note.with_delay().append("x", times=float("nan"))


def test_a_bad_priority_or_eta_is_refused(note):
    with pytest.raises(UserError, match="the priority must be an integer"):
        note.with_delay(priority="high")
    with pytest.raises(UserError, match=r"give a datetime .* a timedelta or a number of seconds"):
        note.with_delay(eta="tomorrow")


def test_unsaved_records_cannot_be_delayed(env):
    draft = env["test.jobs.note"].new({"name": "draft"})
    with pytest.raises(UserError, match="not saved yet"):
        draft.with_delay().append("x")


def test_an_internal_user_may_enqueue_but_not_read_jobs(env):
    user = env["res.users"].create({"name": "Clerk", "login": "clerk_delay",
                                    "groups_id": [(6, 0, [env.ref("base.group_user").id])]})
    note = env["test.jobs.note"].with_user(user).create({"name": "mine"})
    job = note.with_delay().append("x")
    assert (job.user_id, job.superuser) == (user, False)
    with pytest.raises(AccessError):
        env["ir.job"].with_user(user).search([])


def test_with_delay_is_not_callable_over_rpc():
    with pytest.raises(AccessError):
        check_method_name("test.jobs.note", "with_delay")
