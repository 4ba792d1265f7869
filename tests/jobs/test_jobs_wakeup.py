"""Waking workers: the wake-up is published after the commit, never for a rolled-back transaction."""

import os

import pytest

from nexa.jobs.wakeup import CHANNEL, Publisher, wake_workers_after_commit


class FakeRedis:
    def __init__(self):
        self.published = []

    def publish(self, channel, message):
        self.published.append((channel, message))


@pytest.fixture
def fake_redis(jobs_db):
    client = FakeRedis()
    saved = jobs_db.services.get("jobs.wakeup", "unset")
    jobs_db.services["jobs.wakeup"] = Publisher(client, jobs_db.name)
    yield client
    if saved == "unset":
        jobs_db.services.pop("jobs.wakeup", None)
    else:
        jobs_db.services["jobs.wakeup"] = saved


def test_the_wakeup_is_published_after_commit_once_per_transaction(jobs_db, committed, fake_redis):
    with committed(jobs_db) as env:
        note = env["test.jobs.note"].create({"name": "n"})
        note.with_delay().append("a")
        note.with_delay().append("b")
        assert fake_redis.published == []  # not before the commit: a worker would not see the jobs
    assert fake_redis.published == [(CHANNEL, jobs_db.name)]


def test_a_rolled_back_transaction_wakes_nobody(jobs_db, committed, fake_redis):
    with pytest.raises(RuntimeError), committed(jobs_db) as env:
        env["test.jobs.note"].create({"name": "n"}).with_delay().append("a")
        raise RuntimeError("rolled back")
    assert fake_redis.published == []


def test_without_redis_nothing_is_registered(jobs_db):
    saved = jobs_db.services.pop("jobs.wakeup", None)
    jobs_db.services["jobs.wakeup"] = None
    try:
        with jobs_db.transaction() as transaction:
            wake_workers_after_commit(transaction)
            assert transaction.after_commit == []
    finally:
        jobs_db.services["jobs.wakeup"] = saved


@pytest.mark.skipif(not os.environ.get("NEXA_TEST_REDIS_URL"), reason="needs NEXA_TEST_REDIS_URL")
def test_a_subscribed_worker_hears_the_commit_through_redis(jobs_db, committed):
    import threading

    from nexa.jobs.wakeup import Subscription

    jobs_db.services.pop("jobs.wakeup", None)  # made from the runtime's redis_url
    subscription = Subscription(os.environ["NEXA_TEST_REDIS_URL"])
    try:
        stopped = threading.Event()
        with committed(jobs_db) as env:
            env["test.jobs.note"].create({"name": "n"}).with_delay().append("a")
            assert subscription.wait(0.2, stopped) is None  # nothing before the commit
        assert subscription.wait(5, stopped) == jobs_db.name
    finally:
        subscription.close()
