"""Counting the SQL statements a block of code runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class QueryLog:
    """What :func:`count_queries` saw: the count and the statements (as SQL text)."""

    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries(env: Any) -> Iterator[QueryLog]:
    """Record every statement ``env``'s transaction executes inside the block."""
    log = QueryLog()

    def observe(statement: Any) -> None:
        log.statements.append(str(statement))

    observers = env.transaction.observers
    observers.append(observe)
    try:
        yield log
    finally:
        observers.remove(observe)
