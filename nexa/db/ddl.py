"""DDL details SQLAlchemy does not decide for us: where foreign keys are declared.

Many2one columns reference their comodel's table. Declared the usual way (a
table-level ``FOREIGN KEY`` constraint), SQLite could never drop such a column
again, which uninstalling an addon needs. Nexa therefore keeps the reference as
``column.info["references"]`` and renders it:

* on SQLite, inline in the column definition (``a_id INTEGER REFERENCES a (id)``),
  which SQLite can drop with ``ALTER TABLE ... DROP COLUMN``;
* on PostgreSQL, as a named constraint added once every table exists, which
  also resolves foreign-key cycles between tables.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.schema import CreateColumn


class References(NamedTuple):
    """A many2one column's target table, ON DELETE action and constraint name."""

    table: str
    ondelete: str
    name: str
    deferred: bool = False  # checked at commit (audit columns pointing to users created later)


@compiles(CreateColumn, "sqlite")
def _sqlite_column_with_reference(element: CreateColumn, compiler: Any, **kw: Any) -> str:
    text = compiler.visit_create_column(element, **kw)
    references = element.element.info.get("references")
    if references is None or text is None:
        return text
    quote = compiler.preparer.quote
    deferred = " DEFERRABLE INITIALLY DEFERRED" if references.deferred else ""
    return f"{text} REFERENCES {quote(references.table)} (id) ON DELETE {references.ondelete}{deferred}"


def add_column_sql(compiler_dialect: Any, table: str, column: Any) -> str:
    """``ALTER TABLE t ADD COLUMN <definition>`` with identifiers quoted by the dialect."""
    preparer = compiler_dialect.identifier_preparer
    definition = str(CreateColumn(column).compile(dialect=compiler_dialect)).strip()
    return f"ALTER TABLE {preparer.quote(table)} ADD COLUMN {definition}"
