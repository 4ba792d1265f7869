"""A database Nexa serves: its name, engine, dialect and (once loaded) registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

from nexa.db.dialects import Dialect, dialect_for
from nexa.db.engine import make_engine
from nexa.db.statements import StatementCache
from nexa.db.transaction import Transaction


class Database:
    """One database: open transactions on it; ``registry`` is set by the module loader."""

    def __init__(self, name: str, url: str, *, pool_size: int = 5) -> None:
        self.name = name
        self.url = url
        self.engine: Engine = make_engine(url, pool_size=pool_size)
        self.dialect: Dialect = dialect_for(self.engine.dialect.name)
        self.registry: Any = None
        #: The compiled hot statements of the ORM (see :mod:`nexa.db.statements`).
        self.statements = StatementCache(self.engine.dialect)
        #: The registry's signal as loaded, and the security signal as last read (see :mod:`nexa.db.signals`);
        #: ``security_epoch`` moves when a transaction of this process that changed access data commits.
        self.signal: int | None = None
        self.security_signal: int | None = None
        self.security_epoch = 0
        self.signal_tables_ready = False
        #: Called with every new transaction (diagnostics: the N+1 detector in developer mode).
        self.transaction_hooks: list[Callable[[Transaction], None]] = []
        #: The configuration of the runtime that opened it (None for a bare Database): what model code
        #: running on it may need from the process's options (redis_url, transient_age_limit).
        self.config: Any = None
        #: Objects services make once per database (the jobs' wake-up publisher), by service name.
        self.services: dict[str, Any] = {}

    def _new_transaction(self, connection: Any) -> Transaction:
        transaction = Transaction(self, connection)
        for hook in self.transaction_hooks:
            hook(transaction)
        return transaction

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """A transaction committed when the block ends, rolled back if it raises."""
        with self.engine.connect() as connection:
            transaction = self._new_transaction(connection)
            try:
                with connection.begin():
                    yield transaction
                    transaction.before_commit()
                for callback in transaction.after_commit:
                    callback()
            finally:
                transaction.finish()

    @property
    def security_token(self) -> tuple[int, int] | None:
        """What access data cached across transactions is valid for (None: nothing may be cached)."""
        return None if self.security_signal is None else (self.security_signal, self.security_epoch)

    def security_changed(self) -> None:
        """A transaction of this process changed access data and committed: drop what was cached."""
        self.security_epoch += 1

    def open_transaction(self) -> Transaction:
        """A long-lived transaction the caller commits, rolls back and closes itself.

        For interactive use (the shell, scripts, benchmarks); request handling uses
        :meth:`transaction` instead, which commits or rolls back on its own.
        """
        return self._new_transaction(self.engine.connect())

    def dispose(self) -> None:
        """Close every pooled connection (before dropping the database)."""
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"<Database {self.name} ({self.dialect.name})>"
