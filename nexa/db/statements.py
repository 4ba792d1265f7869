"""Compiled statements: SQL compiled once per shape, then run on the driver's cursor.

SQLAlchemy caches compilation, but every execution still builds the statement, derives
its cache key, makes an execution context and wraps the rows in a result object: 20 to
40 µs of Python per statement, several times what SQLite needs to answer an indexed
lookup. The ORM's hot statements (searches, reads by id, single-row updates, inserts)
therefore go through this module instead:

* :meth:`StatementCache.compiled` returns the :class:`CompiledStatement` of a *key*,
  calling ``build()`` (which returns a SQLAlchemy statement) only the first time;
* :meth:`CompiledStatement.run` binds values and executes the SQL text on the DB-API
  cursor of the transaction, applying SQLAlchemy's own bind and result processors, so
  values travel exactly as they would through ``Connection.execute``.

Values are given either by bind name (statements built with ``bindparam("name")``) or as
the ``bindparams`` of the SQLAlchemy cache key of an equivalent statement (same key, new
values): a domain compiled again for new values re-binds a cached statement without
rebuilding it. SQL text is only ever produced by SQLAlchemy's compiler; values are always
bound. Every run counts as a statement of the transaction (query counts, the N+1
detector see it as its SQL text), and driver errors are raised as SQLAlchemy's
``DBAPIError`` subclasses, as ``Connection.execute`` raises them.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from nexa.db.transaction import Transaction

#: Values whose bind processing is remembered within one batch (hashable, immutable, often repeated).
_MEMO_TYPES = frozenset({datetime.datetime, datetime.date, int, str, bool})
#: Compiled statements kept per database before the cache starts over (shapes, not values).
CACHE_SIZE = 4000
POSTCOMPILE = "__[POSTCOMPILE_"


class NotCacheable(Exception):
    """A statement this module does not run itself (SQLAlchemy must render its bind names escaped)."""


class CompiledStatement:
    """One statement shape compiled for one dialect: its SQL text and how values are bound."""

    __slots__ = ("_binds", "_constants", "_dialect", "_extracted", "_processors", "_result_processors",
                 "_result_types", "compiled", "expanding", "positional", "returns_rows", "sql")

    def __init__(self, statement: Any, dialect: Any, extracted: Sequence[Any] | None = None) -> None:
        compiled = statement.compile(dialect=dialect)
        if compiled.escaped_bind_names:  # names with characters the paramstyle cannot carry: leave it to SQLAlchemy
            raise NotCacheable(str(compiled))
        self.compiled = compiled
        self._dialect = dialect
        self.positional = bool(compiled.positional)
        self.expanding = POSTCOMPILE in compiled.string
        key_names = {bind.key: name for bind, name in compiled.bind_names.items()}
        if extracted is None:
            cache_key = statement._generate_cache_key()
            extracted = cache_key.bindparams if cache_key is not None else None
        #: bind names in the order of the cache key's bindparams: values come from an equal statement
        #: (or, with ``extracted``, from an equal part of it, such as its WHERE clause)
        self._extracted = [key_names[bind.key] for bind in extracted] if extracted is not None else None
        state = compiled.construct_expanded_state()
        self.sql = state.statement if not self.expanding else compiled.string
        self._processors: dict[str, Any] = {}
        for bind, name in compiled.bind_names.items():
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                self._processors[name] = processor
        names = state.positiontup if self.positional else list(state.parameters)
        #: (name, processor) of each driver parameter, and the values of those nobody binds (OFFSET 0...)
        self._binds = [(name, self._processors.get(name)) for name in names or ()]
        self._constants = dict(state.parameters)
        columns = getattr(statement, "exported_columns", None)
        self._result_types = [column.type for column in columns] if columns is not None else []
        self._result_processors: list[Any] | None = None
        self.returns_rows = bool(self._result_types)

    def __str__(self) -> str:
        return self.sql

    # -- binding ---------------------------------------------------------------------
    def values_from(self, bindparams: Sequence[Any]) -> dict[str, Any]:
        """``{bind name: value}`` from the cache-key bindparams of an equivalent statement."""
        if self._extracted is None:
            raise ValueError("this statement was compiled without a cache key: bind values by name")
        return {name: bind.effective_value for name, bind in zip(self._extracted, bindparams)}

    def _driver_parameters(self, values: Mapping[str, Any]) -> tuple[str, Any]:
        if self.expanding:
            state = self.compiled.construct_expanded_state({**self._constants, **values}, escape_names=False)
            processors = {**self._processors, **state.processors}
            if self.positional:
                parameters: Any = []
                for name in state.positiontup:
                    value = state.parameters[name]
                    processor = processors.get(name)
                    parameters.append(processor(value) if processor is not None else value)
                return state.statement, parameters
            return state.statement, {name: (processors[name](value) if name in processors else value)
                                     for name, value in state.parameters.items()}
        constants = self._constants
        if self.positional:
            parameters = []
            for name, processor in self._binds:
                value = values[name] if name in values else constants[name]
                parameters.append(processor(value) if processor is not None else value)
            return self.sql, parameters
        named = {}
        for name, processor in self._binds:
            value = values[name] if name in values else constants[name]
            named[name] = processor(value) if processor is not None else value
        return self.sql, named

    # -- execution -------------------------------------------------------------------
    def run(self, transaction: Transaction, values: Mapping[str, Any] | None = None, *, columns: bool = False) -> Any:
        """Execute with ``values`` (bind name -> value): rows as tuples (``columns``: one list per column),
        or the row count for DML."""
        cursor = transaction.driver_cursor()
        transaction.query_count += 1
        for observer in transaction.observers:
            observer(self)
        return self._execute(cursor, values, columns=columns)

    def execute_on(self, driver_connection: Any, values: Mapping[str, Any] | None = None, *,
                   columns: bool = False) -> Any:
        """Execute on a DB-API connection (no counting: :meth:`run` is for transactions)."""
        cursor = driver_connection.cursor()
        try:
            return self._execute(cursor, values, columns=columns)
        finally:
            cursor.close()

    def _execute(self, cursor: Any, values: Mapping[str, Any] | None, *, columns: bool) -> Any:
        sql, parameters = self._driver_parameters(values or {})
        try:
            cursor.execute(sql, parameters)
            if not self.returns_rows:
                return cursor.rowcount
            rows = cursor.fetchall()
            processors = self._result_processors
            if processors is None:
                processors = self._result_processors = self._make_result_processors(cursor.description)
            if columns:
                found = [list(column) for column in zip(*rows)] if rows else [[] for _type in processors]
                for index, processor in enumerate(processors):
                    if processor is not None:
                        found[index] = list(map(processor, found[index]))
                return found
            if any(processors):
                rows = [tuple(value if processor is None else processor(value)
                              for processor, value in zip(processors, row)) for row in rows]
            return rows
        except self._dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(sql, parameters, error, self._dialect.loaded_dbapi.Error,
                                      dialect=self._dialect) from error

    def run_each(self, transaction: Transaction, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
        """Execute once per row (an INSERT), counted as one statement; each row's new id, in order.

        ``rows`` hold the values of the binds ``names``, in that order. The id comes from
        the statement's ``RETURNING`` (PostgreSQL: one pipelined ``executemany``) or from
        the cursor's ``lastrowid`` (SQLite, without ``RETURNING``).
        """
        if self.expanding:
            raise ValueError("run_each needs a statement without expanding parameters")
        cursor = transaction.driver_cursor()
        transaction.query_count += 1
        for observer in transaction.observers:
            observer(self)
        parameters = self._each_parameters(names, rows)
        try:
            ids = []
            if self.returns_rows:
                cursor.executemany(self.sql, parameters, returning=True)
                while True:
                    ids.append(cursor.fetchone()[0])
                    if not cursor.nextset():
                        break
            else:
                for values in parameters:
                    cursor.execute(self.sql, values)
                    ids.append(cursor.lastrowid)
            return ids
        except self._dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(self.sql, parameters, error, self._dialect.loaded_dbapi.Error,
                                      dialect=self._dialect, ismulti=True) from error

    def _each_parameters(self, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[Any]:
        """Driver parameters of many rows, converted column by column (one processor call per distinct value)."""
        position = {name: index for index, name in enumerate(names)}
        columns = list(zip(*rows)) if rows and names else []
        driver_columns = []
        for bind, processor in self._binds:
            index = position.get(bind)
            values = list(columns[index]) if index is not None else [self._constants[bind]] * len(rows)
            if processor is not None:
                values = _processed(processor, values)
            driver_columns.append(values)
        driver_rows = list(zip(*driver_columns)) if driver_columns else [() for _row in rows]
        if self.positional:
            return driver_rows
        binds = [bind for bind, _processor in self._binds]
        return [dict(zip(binds, row)) for row in driver_rows]

    def _make_result_processors(self, description: Any) -> list[Any]:
        dialect = self._dialect
        codes = [column[1] for column in description or ()]
        return [kind.dialect_impl(dialect).result_processor(dialect, code)
                for kind, code in zip(self._result_types, codes)]


def _processed(processor: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    """``processor`` applied to ``values``, once per distinct value (batches repeat the same timestamp)."""
    done: dict[tuple[type, Any], Any] = {}
    result = []
    for value in values:
        kind = type(value)
        if kind not in _MEMO_TYPES:
            result.append(processor(value))
            continue
        key = (kind, value)
        if key not in done:
            done[key] = processor(value)
        result.append(done[key])
    return result


class StatementCache:
    """The compiled statements of one database, by key (see the module docstring)."""

    def __init__(self, dialect: Any, size: int = CACHE_SIZE) -> None:
        self.dialect = dialect
        self.size = size
        self._entries: dict[Any, CompiledStatement | None] = {}  # None: not cacheable, run by SQLAlchemy
        self._lock = threading.Lock()

    def compiled(self, key: Any, build: Callable[[], Any],
                 extracted: Sequence[Any] | None = None) -> CompiledStatement | None:
        """The compiled statement of ``key``; ``build()`` makes its SQLAlchemy statement when missing.

        ``extracted``: the cache-key bindparams of the part of the statement whose values
        :meth:`CompiledStatement.values_from` will receive (default: the whole statement's).
        None for a statement SQLAlchemy must run itself (see :class:`NotCacheable`).
        """
        try:
            return self._entries[key]
        except KeyError:
            pass
        try:
            entry: CompiledStatement | None = CompiledStatement(build(), self.dialect, extracted)
        except NotCacheable:
            entry = None
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[key] = entry
        return entry

    def run(self, transaction: Transaction, statement: Any) -> Any:
        """Execute a SQLAlchemy statement through the cache, keyed by its own cache key.

        Statements SQLAlchemy cannot cache (no cache key) go through ``Transaction.execute``.
        """
        cache_key = statement._generate_cache_key()
        if cache_key is None:
            result = transaction.execute(statement)
            return result.all() if result.returns_rows else result.rowcount
        entry = self.compiled(("statement", cache_key.key), lambda: statement)
        if entry is None:
            result = transaction.execute(statement)
            return result.all() if result.returns_rows else result.rowcount
        return entry.run(transaction, entry.values_from(cache_key.bindparams))

    def __len__(self) -> int:
        return len(self._entries)
