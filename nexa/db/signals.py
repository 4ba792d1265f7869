"""Counters in the database that tell every process what it must forget.

* ``nexa_registry_signal`` moves when addons are installed, upgraded or uninstalled:
  each process rebuilds its registry before its next request (:mod:`nexa.runtime`).
* ``nexa_security_signal`` moves when a transaction that changed users, groups,
  access rights, record rules or companies commits: each process drops the access data it
  cached across transactions (:mod:`nexa.security.access`).

Both are read with one statement per request (:func:`read_signals`), outside the
request's transaction, in autocommit, so reading them costs one round trip.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Integer, MetaData, Table, inspect, select, update

_meta = MetaData()
REGISTRY_SIGNAL = Table("nexa_registry_signal", _meta, Column("id", Integer, primary_key=True),
                        Column("sequence", Integer, nullable=False))
SECURITY_SIGNAL = Table("nexa_security_signal", _meta, Column("id", Integer, primary_key=True),
                        Column("sequence", Integer, nullable=False))


def read_signals(database: Any) -> tuple[int, int]:
    """``(registry sequence, security sequence)`` as committed now (0 for a table not made yet)."""
    if not database.signal_tables_ready:
        with database.engine.connect() as connection:
            inspector = inspect(connection)
            found = {table.name for table in (REGISTRY_SIGNAL, SECURITY_SIGNAL) if inspector.has_table(table.name)}
        if REGISTRY_SIGNAL.name not in found:
            return 0, 0
        if SECURITY_SIGNAL.name not in found:
            with database.engine.begin() as connection:
                SECURITY_SIGNAL.create(connection, checkfirst=True)
                if connection.execute(select(SECURITY_SIGNAL.c.id)).first() is None:
                    connection.execute(SECURITY_SIGNAL.insert().values(id=1, sequence=1))
        database.signal_tables_ready = True
    compiled = database.statements.compiled(("signals",), lambda: select(
        select(REGISTRY_SIGNAL.c.sequence).where(REGISTRY_SIGNAL.c.id == 1).scalar_subquery(),
        select(SECURITY_SIGNAL.c.sequence).where(SECURITY_SIGNAL.c.id == 1).scalar_subquery()))
    pooled = database.engine.raw_connection()
    try:
        connection = pooled.driver_connection
        autocommit = database.dialect.is_postgres
        if autocommit:  # no transaction to open, and none to roll back when the connection goes back
            connection.autocommit = True
        try:
            (registry, security), = compiled.execute_on(connection, {})
        finally:
            if autocommit:
                connection.autocommit = False
    finally:
        pooled.close()
    return int(registry or 0), int(security or 0)


def bump_security(transaction: Any) -> None:
    """Move the security counter in ``transaction`` (run just before it commits)."""
    connection = transaction.connection
    if not inspect(connection).has_table(REGISTRY_SIGNAL.name):
        return  # a database being created: its first install moves the registry signal anyway
    SECURITY_SIGNAL.create(connection, checkfirst=True)
    moved = connection.execute(update(SECURITY_SIGNAL).where(SECURITY_SIGNAL.c.id == 1)
                               .values(sequence=SECURITY_SIGNAL.c.sequence + 1)).rowcount
    if not moved:
        connection.execute(SECURITY_SIGNAL.insert().values(id=1, sequence=1))
