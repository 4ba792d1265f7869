"""One database transaction and what lives as long as it: the record cache, counters.

A :class:`Transaction` wraps a SQLAlchemy connection inside ``BEGIN ... COMMIT``.
Every statement of the ORM goes through :meth:`Transaction.execute`, which
counts it (query-count tests, the N+1 detector) and lets observers see it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from nexa.orm.cache import RecordCache

if TYPE_CHECKING:
    from nexa.db.database import Database

StatementObserver = Callable[[Any], None]


class Transaction:
    """A connection in a transaction, its record cache and its pending work."""

    def __init__(self, database: Database, connection: Connection) -> None:
        self.database = database
        self.connection = connection
        self.registry: Any = database.registry  # an install swaps in the registry being installed
        self.cache = RecordCache()
        self.query_count = 0
        self.observers: list[StatementObserver] = []
        self.computing: dict[Any, set[int]] = {}
        self.after_commit: list[Callable[[], None]] = []
        self.before_commits: list[Callable[[], None]] = []  # run, once each, just before the commit
        self.finalizers: list[Callable[[], Any]] = []  # run when the transaction ends, however it ends
        self.data: dict[str, Any] = {}  # per-transaction scratch space for services
        #: what the access data shared across transactions must be valid for (see nexa.security.access)
        self.security_token = getattr(database, "security_token", None)
        self._cursor: Any = None  # the DB-API cursor compiled statements run on (see driver_cursor)
        self._cursor_owner: Any = None

    @property
    def dialect(self) -> Any:
        return self.database.dialect

    def execute(self, statement: Any, parameters: Any = None) -> Any:
        """Execute a SQLAlchemy statement on this transaction's connection."""
        self.query_count += 1
        for observer in self.observers:
            observer(statement)
        if parameters is None:
            return self.connection.execute(statement)
        return self.connection.execute(statement, parameters)

    def before_commit(self) -> None:
        """Run (and forget) the work registered for the end of the transaction, such as moving a signal."""
        while self.before_commits:
            self.before_commits.pop(0)()

    def driver_cursor(self) -> Any:
        """The DB-API cursor of this transaction's connection, opened once and reused.

        Compiled statements (:mod:`nexa.db.statements`) run on it; a psycopg cursor costs
        tens of microseconds to make, as much as a simple statement. The transaction is
        begun first, as ``Connection.execute`` would (SQLite gets its ``BEGIN``).
        """
        connection = self.connection
        if not connection.in_transaction():
            connection.begin()
        driver = connection.connection.driver_connection
        if self._cursor is None or self._cursor_owner is not driver:
            self._cursor = driver.cursor()
            self._cursor_owner = driver
        return self._cursor

    def commit(self) -> None:
        """Commit and go on in a new transaction (long-lived transactions: shell, scripts, benchmarks)."""
        self.before_commit()
        self.connection.commit()
        for callback in self.after_commit:
            callback()
        self.after_commit.clear()

    def rollback(self) -> None:
        """Roll back and go on in a new transaction; the cache is emptied (it may hold undone values)."""
        self.connection.rollback()
        self.cache.clear()
        self.data.clear()
        self.after_commit.clear()
        self.before_commits.clear()

    def close(self) -> None:
        """Roll back what is pending and give the connection back to the pool."""
        self.finish()
        self.connection.close()

    def finish(self) -> None:
        """Close the cursor, run the finalizers (diagnostics such as the N+1 detector report)."""
        cursor, self._cursor, self._cursor_owner = self._cursor, None, None
        if cursor is not None:
            with suppress(Exception):  # a cursor of a connection already gone: nothing to release
                cursor.close()
        finalizers, self.finalizers = self.finalizers, []
        for finalizer in finalizers:
            finalizer()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Run a block in a savepoint: an error inside rolls back only the block."""
        nested = self.connection.begin_nested()
        try:
            yield
        except BaseException:
            nested.rollback()
            self.cache.clear()
            raise
        else:
            nested.commit()


MAX_ATTEMPTS = 5


def retrying(database: Database, work: Callable[[Transaction], Any], *, attempts: int = MAX_ATTEMPTS) -> Any:
    """Run ``work(transaction)`` in a transaction, again from scratch on serialization failures.

    PostgreSQL may abort a transaction that conflicts with a concurrent one
    (serialization failure, deadlock) and SQLite may find the database locked;
    the whole unit of work is then retried a few times, with a growing pause,
    before the error is returned.
    """
    import random
    import time

    for attempt in range(1, attempts + 1):
        try:
            with database.transaction() as transaction:
                return work(transaction)
        except Exception as error:
            if attempt == attempts or not database.dialect.is_retryable(error):
                raise
            time.sleep(random.uniform(0, 0.05 * 2 ** attempt))
    raise AssertionError("unreachable")
