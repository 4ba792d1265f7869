"""What running one job or cron gave: the structured log line of the worker, and the test's result."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

_logger = logging.getLogger("nexa.jobs")


@dataclass
class Outcome:
    """One run: ``kind`` is "job" or "cron"; ``state`` "done", "retry", "failed" (jobs) or "done"/"failed"."""

    kind: str
    db: str
    id: int
    name: str
    state: str = "done"
    duration_ms: float = 0.0
    error: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def log(self) -> None:
        """One line per run, with the fields as ``extra["job"]`` for JSON logs."""
        level = logging.INFO if self.state == "done" else logging.WARNING
        message = f"{self.kind} {self.id} {self.name} on {self.db}: {self.state} in {self.duration_ms:.0f} ms"
        if self.error:
            message += f": {self.error.strip().splitlines()[-1]}"
        payload = {"kind": self.kind, "db": self.db, "id": self.id, "name": self.name, "state": self.state,
                   "duration_ms": round(self.duration_ms, 1), **self.details}
        _logger.log(level, message, extra={"job": payload})


@contextmanager
def timed(outcome: Outcome) -> Iterator[None]:
    """Measure the block into ``outcome.duration_ms``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        outcome.duration_ms = (time.perf_counter() - started) * 1000


def call_in_savepoint(transaction: Any, call: Callable[[], Any]) -> str:
    """Run ``call`` in a savepoint of ``transaction``: "" when it succeeded, else the error's traceback.

    A failure rolls back everything ``call`` wrote, and forgets the work it registered for the commit
    (wake-ups of jobs it enqueued, signals it meant to move).
    """
    after, before = len(transaction.after_commit), len(transaction.before_commits)
    try:
        with transaction.savepoint():
            call()
    except Exception:
        del transaction.after_commit[after:]
        del transaction.before_commits[before:]
        return traceback.format_exc()
    return ""
