"""Searching: ``search``, ``search_count`` and the SELECT they share.

Every search goes through :meth:`SearchMixin._search_select`, which adds the
``active`` filter and the record rules of the current user to the domain, so
no path can return records the user may not read.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, func, select

from nexa.exceptions import ValidationError
from nexa.orm import api
from nexa.orm import domain as domains
from nexa.orm.plans import search_ids
from nexa.orm.query import DomainCompiler, order_by


class SearchMixin:
    """Domain searches returning recordsets, counts or SELECT statements."""

    env: Any
    _name: str
    _fields: dict
    _table_obj: Any

    # -- statement building -------------------------------------------------------------
    def _active_filter(self, tree: domains.Node) -> domains.Node:
        active = "active" if "active" in self._fields else None
        if (active and self.env.context.get("active_test", True)
                and not domains.mentions_field(tree, active)):
            return domains.And((tree, domains.Leaf(active, "=", True)))
        return tree

    def _where(self, domain: Any, table: Any = None) -> Any:
        """The WHERE clause for ``domain`` with the active filter and record rules."""
        table = self._table_obj if table is None else table
        tree = self._active_filter(domains.parse(domain))
        condition = DomainCompiler(self, table).compile(tree)
        rules = self._rule_condition(table, "read")
        return condition if rules is None else and_(condition, rules)

    def _search_select(self, domain: Any, order: str | None = None, limit: int | None = None,
                       offset: int = 0, *, ordered: bool = False) -> Select:
        """``SELECT id FROM table WHERE ...`` for ``domain`` (ordered only when asked)."""
        self._check_searchable()
        table = self._table_obj
        statement = select(table.c.id).where(self._where(domain, table))
        if ordered or limit or offset:
            expressions, joins = order_by(self, order, table)
            source = table
            for alias, on in joins:
                source = source.outerjoin(alias, on)
            statement = statement.select_from(source).order_by(*expressions)
        if limit:
            statement = statement.limit(int(limit))
        if offset:
            statement = statement.offset(int(offset))
        return statement

    def _check_searchable(self) -> None:
        if self._abstract:
            raise ValidationError(f"Model {self._name} is abstract: it has no records to search",
                                  model=self._name)

    def _search(self, domain: Any, offset: int = 0, limit: int | None = None, order: str | None = None) -> Any:
        """Like :meth:`search` without the access-rights check (record rules still apply)."""
        self._check_searchable()
        ids = search_ids(self, domain, offset, limit, order)
        return self._browse(self.env, ids, ids)

    # -- public API ------------------------------------------------------------------
    @api.model
    def search(self, domain: Any = None, offset: int = 0, limit: int | None = None,
               order: str | None = None) -> Any:
        """The records matching ``domain``, ordered by ``order`` or the model's ``_order``.

        ``limit`` None/False/0 means no limit, as Odoo clients send it.
        """
        self._check_access("read")
        return self._search(domain or [], _as_int(offset), _as_int(limit) or None, order or None)

    @api.model
    def search_count(self, domain: Any = None, limit: int | None = None) -> int:
        """How many records match ``domain`` (counting at most ``limit`` when given)."""
        self._check_access("read")
        inner = self._search_select(domain or [], limit=_as_int(limit) or None)
        statement = select(func.count()).select_from(inner.subquery())
        return int(self.env.transaction.execute(statement).scalar_one())

    @api.model
    def search_fetch(self, domain: Any, field_names: list[str], offset: int = 0, limit: int | None = None,
                     order: str | None = None) -> Any:
        """``search`` then fetch ``field_names`` for the result in one go."""
        records = self.search(domain, offset, limit, order)
        records._fetch_fields(field_names)
        return records


def _as_int(value: Any) -> int:
    """An offset or limit: a whole number from 0 (None/False mean 0, as Odoo clients send them)."""
    if value is None or value is False:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(value)
        except (TypeError, ValueError, OverflowError):
            raise ValidationError(f"Expected an integer for offset/limit, got {value!r}", value=value) from None
    if not 0 <= value <= MAX_ROWS:
        raise ValidationError(f"offset/limit must be between 0 and {MAX_ROWS}, got {value!r}", value=value)
    return value


#: The largest offset or limit accepted (a 63-bit integer fits every database).
MAX_ROWS = 2**62
