"""The N+1 detector: the same SQL shape run too often in one transaction.

An ORM loop that reads a field record by record, instead of letting prefetching
fetch it for the whole set, runs the same statement once per record. The
detector counts statements by *shape* (the statement without its parameter
values) within one transaction (one request, one test) and, past a threshold,
remembers the shape with the Python stack that first issued it, so the report
points at the loop to fix.

It is on in developer mode (``dev_mode``, threshold ``query_count_threshold``)
and in the test plugin, where addons' own tests fail when it fires.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_logger = logging.getLogger("nexa.db.repeats")

#: Frames from these packages are noise in a report: the caller that matters is above them.
HIDDEN_FRAMES = ("sqlalchemy", "nexa/db/", "nexa/orm/fetch", "nexa/orm/search", "nexa/orm/read")


@dataclass
class Repeat:
    """One statement shape run more often than allowed."""

    sql: str
    count: int
    stack: list[traceback.FrameSummary]

    def describe(self) -> str:
        frames = [frame for frame in self.stack if not any(hidden in frame.filename for hidden in HIDDEN_FRAMES)]
        where = "".join(traceback.format_list(frames[-6:])) or "".join(traceback.format_list(self.stack[-6:]))
        sql = " ".join(self.sql.split())
        return f"{self.count} times: {sql[:300]}\nfirst issued at:\n{where}"


@dataclass
class RepeatDetector:
    """A statement observer counting shapes; ``repeats`` lists those over ``threshold``."""

    threshold: int
    counts: dict[Any, int] = field(default_factory=dict)
    first_stack: dict[Any, list[traceback.FrameSummary]] = field(default_factory=dict)
    statements: dict[Any, Any] = field(default_factory=dict)

    def __call__(self, statement: Any) -> None:
        key = _shape(statement)
        count = self.counts.get(key, 0) + 1
        self.counts[key] = count
        if count == 1:
            self.first_stack[key] = traceback.extract_stack(limit=40)[:-2]
            self.statements[key] = statement

    @property
    def repeats(self) -> list[Repeat]:
        return [Repeat(str(self.statements[key]), count, self.first_stack[key])
                for key, count in self.counts.items() if count > self.threshold]

    def report(self) -> list[Repeat]:
        """Log every repeat found (warning level) and return them."""
        found = self.repeats
        for repeat in found:
            _logger.warning("Possible N+1 query (same SQL %s)", repeat.describe())
        return found


def _shape(statement: Any) -> Any:
    """A hashable key equal for statements that differ only by their parameter values."""
    generate = getattr(statement, "_generate_cache_key", None)
    cache_key = generate() if generate is not None else None
    return cache_key.key if cache_key is not None else str(statement)  # .key: the structure, no values


def detector_hook(threshold: int) -> Callable[[Any], None]:
    """A transaction hook installing a detector that reports when the transaction ends."""

    def install(transaction: Any) -> None:
        detector = RepeatDetector(threshold)
        transaction.observers.append(detector)
        transaction.finalizers.append(detector.report)

    return install
