"""How records are named: ``display_name``, ``name_search``, ``name_create``.

A model's display name is its ``_rec_name`` field (``name`` by default); models
override ``_compute_display_name`` for anything richer. ``name_search`` looks in
``_rec_names_search`` (default: the rec name) and is what many2one
autocompletion and ``('partner_id', 'ilike', 'acme')`` domains use.
"""

from __future__ import annotations

from typing import Any

from nexa.exceptions import ValidationError
from nexa.orm import api

#: Negative operators and their positive form (a negative display_name search negates the positive one).
NEGATIONS = {"!=": "=", "<>": "=", "not like": "like", "not ilike": "ilike", "not in": "in"}


class DisplayMixin:
    """display_name and the name_* methods."""

    env: Any
    _name: str
    _fields: dict
    _rec_name: str | None
    _rec_names_search: list[str] | None

    def _compute_display_name(self) -> None:
        name = self._rec_name
        for record in self:
            if name and name in self._fields:
                value = getattr(record, name)
                if hasattr(value, "_ids"):
                    value = value.display_name
                record.display_name = str(value) if value not in (False, None) else ""
            else:
                record.display_name = f"{self._name},{record.id}"

    def name_get(self) -> list[tuple[int, str]]:
        """``[(id, display_name)]``: removed from Odoo 18, kept for erppeek and old scripts."""
        return [(record.id, record.display_name or "") for record in self]

    def _name_search_domain(self, name: Any, operator: str = "ilike") -> list:
        """The domain matching records whose name matches ``name`` with ``operator``."""
        fields = self._rec_names_search or ([self._rec_name] if self._rec_name else [])
        fields = [f for f in fields if f in self._fields]
        if not fields:
            return [("id", "=", int(name))] if str(name).isdigit() else [(0, "=", 1)]
        if operator in ("=", "in") and not isinstance(name, (list, tuple)):
            operator = "="
        leaves = [(field, operator, name) for field in fields]
        return ["|"] * (len(leaves) - 1) + leaves

    def _search_display_name(self, operator: str, value: Any) -> list:
        """The domain for ``("display_name", operator, value)``: the fields name_search looks in."""
        if operator in NEGATIONS:
            return ["!", *self._name_search_domain(value, NEGATIONS[operator])]
        return self._name_search_domain(value, operator)

    @api.model
    def name_search(self, name: str = "", domain: list | None = None, operator: str = "ilike",
                    limit: int | None = 100, args: list | None = None) -> list[tuple[int, str]]:
        """``[(id, display_name)]`` of records whose name matches ``name`` (autocompletion)."""
        domain = list(domain or args or [])
        if name:
            domain = ["&", *self._name_search_domain(name, operator), *(domain or [(1, "=", 1)])] \
                if domain else self._name_search_domain(name, operator)
        records = self.search(domain, limit=limit)
        return records.name_get()

    @api.model
    def name_create(self, name: str) -> tuple[int, str]:
        """Create a record from just its name, as "Create 'x'" in a many2one does."""
        if not self._rec_name or self._rec_name not in self._fields:
            raise ValidationError(f"Cannot create a {self._name} from a name: the model has no name field",
                                  model=self._name)
        record = self.create({self._rec_name: name})
        return record.id, record.display_name
