"""The loop of ``nexa-bin worker``: run what is due in each database, then wait for more.

    worker = Worker(runtime, ["shop"])
    worker.run_pending()       # every due cron and job, then return how many ran
    worker.run_forever()       # until stop() (SIGTERM/SIGINT in the command)

Crons first, then jobs, until neither is due, database by database. Between two
runs the worker checks whether it was asked to stop, so a stop request ends it
after the current job. Idle, it waits ``poll_interval`` seconds, or less when a
Redis wake-up arrives (see :mod:`nexa.jobs.wakeup`).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from nexa.exceptions import NexaError
from nexa.jobs.cron import run_next_cron
from nexa.jobs.outcome import Outcome
from nexa.jobs.runner import run_next_job
from nexa.jobs.wakeup import Subscription

_logger = logging.getLogger("nexa.jobs")


def utc_now() -> datetime:
    """Now, as the naive UTC datetime ``Datetime`` fields hold."""
    return datetime.now(UTC).replace(tzinfo=None)


class Worker:
    """Runs the crons and jobs of some databases (``None``: every database the server would serve)."""

    def __init__(self, runtime: Any, databases: Sequence[str] | None = None, *, poll_interval: float | None = None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.runtime = runtime
        self.fixed_databases = list(databases) if databases else None
        self.poll_interval = runtime.config.poll_interval if poll_interval is None else poll_interval
        self.clock = clock
        self.stopped = threading.Event()
        self.outcomes: list[Outcome] = []  # of the last run_pending()

    def stop(self) -> None:
        """Stop after the current job (what SIGTERM and SIGINT call)."""
        self.stopped.set()

    def databases(self) -> list[str]:
        """The databases to serve: the ones given, else those ``dbfilter`` lets the server serve."""
        if self.fixed_databases is not None:
            return self.fixed_databases
        pattern = self.runtime.config.dbfilter
        names = self.runtime.server.list()
        if pattern:
            regex = re.compile(pattern.replace("%d", ".*").replace("%h", ".*"))
            names = [name for name in names if regex.fullmatch(name)]
        return names

    def run_pending(self) -> int:
        """Run every cron and job due now in each database; return how many ran."""
        self.outcomes = []
        for name in self.databases():
            if self.stopped.is_set():
                break
            database = self._database(name)
            if database is not None:
                self._drain(database)
        return len(self.outcomes)

    def run_forever(self) -> None:
        """Run what is due, wait, again, until :meth:`stop`."""
        subscription = Subscription(self.runtime.config.redis_url)
        try:
            while not self.stopped.is_set():
                self.run_pending()
                if not self.stopped.is_set():
                    subscription.wait(self.poll_interval, self.stopped)
        finally:
            subscription.close()

    def _drain(self, database: Any) -> None:
        while not self.stopped.is_set():
            outcome = run_next_cron(database, now=self.clock())
            if outcome is None and not self.stopped.is_set():
                outcome = run_next_job(database, now=self.clock())
            if outcome is None:
                return
            self.outcomes.append(outcome)

    def _database(self, name: str) -> Any:
        """The database with its registry, or None (logged) when it is no Nexa database that works."""
        try:
            return self.runtime.database(name)
        except NexaError as error:
            if self.fixed_databases is not None:
                raise
            _logger.debug("Worker skips database %s: %s", name, error)
            self.runtime.forget(name)  # keep no connection to it (it would block its DROP DATABASE)
            return None
