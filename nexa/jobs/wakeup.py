"""Waking idle workers when a job is enqueued: Redis publish after commit, else polling.

With ``redis_url`` set, the transaction that wrote a job publishes the database's
name on :data:`CHANNEL` once it has committed (never before: a worker woken
early would not see the job, and a rolled-back job must wake nobody). A worker
subscribed to the channel starts at once; one that missed the message still
finds the job at its next poll. Without Redis, workers poll every
``poll_interval`` seconds.
"""

from __future__ import annotations

import logging
from typing import Any

_logger = logging.getLogger("nexa.jobs")

#: The Redis channel enqueueing publishes on; the message is the database name.
CHANNEL = "nexa:jobs"


class Publisher:
    """Publishes the wake-up message of one database on Redis (one client per database)."""

    def __init__(self, client: Any, db_name: str) -> None:
        self.client = client
        self.db_name = db_name

    def __call__(self) -> None:
        try:
            self.client.publish(CHANNEL, self.db_name)
        except Exception as error:  # the job is committed: a worker finds it at its next poll anyway
            _logger.warning("Could not wake the job workers of %s through Redis: %s", self.db_name, error)


def publisher_of(database: Any) -> Publisher | None:
    """The wake-up publisher of ``database`` (made once), or None without ``redis_url``."""
    if "jobs.wakeup" not in database.services:
        url = getattr(database.config, "redis_url", "")
        publisher = None
        if url:
            import redis

            publisher = Publisher(redis.Redis.from_url(url), database.name)
        database.services["jobs.wakeup"] = publisher
    return database.services["jobs.wakeup"]


def wake_workers_after_commit(transaction: Any) -> None:
    """Publish the wake-up once ``transaction`` commits (once per transaction, whatever the jobs)."""
    publisher = publisher_of(transaction.database)
    if publisher is not None and publisher not in transaction.after_commit:
        transaction.after_commit.append(publisher)


class Subscription:
    """What an idle worker waits on: a Redis subscription, or nothing (then it only sleeps)."""

    def __init__(self, redis_url: str) -> None:
        self.pubsub = None
        if redis_url:
            import redis

            self.pubsub = redis.Redis.from_url(redis_url).pubsub(ignore_subscribe_messages=True)
            self.pubsub.subscribe(CHANNEL)

    def wait(self, timeout: float, stopped: Any) -> str | None:
        """Block until a wake-up arrives (its database name), ``timeout`` passes or ``stopped`` is set."""
        if self.pubsub is None:
            stopped.wait(timeout)
            return None
        deadline_step = min(timeout, 0.5)  # short steps, so a stop request is seen quickly
        waited = 0.0
        while waited < timeout and not stopped.is_set():
            try:
                message = self.pubsub.get_message(timeout=deadline_step)
            except Exception as error:  # Redis went away: fall back to polling for this round
                _logger.warning("Job wake-ups from Redis unavailable (%s); polling instead", error)
                stopped.wait(max(0.0, timeout - waited))
                return None
            if message and message.get("type") == "message":
                data = message["data"]
                return data.decode() if isinstance(data, bytes) else str(data)
            waited += deadline_step
        return None

    def close(self) -> None:
        if self.pubsub is not None:
            self.pubsub.close()
