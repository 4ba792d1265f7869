"""A small in-memory model catalog for the view tests (validation needs models, not a database)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

MODELS: dict[str, dict[str, dict[str, Any]]] = {
    "sale.order": {
        "id": {"type": "integer", "string": "ID"},
        "name": {"type": "char", "string": "Reference"},
        "state": {"type": "selection", "string": "Status"},
        "partner_id": {"type": "many2one", "relation": "res.partner", "string": "Customer"},
        "date_order": {"type": "datetime", "string": "Order Date"},
        "amount_total": {"type": "monetary", "string": "Total"},
        "order_line": {"type": "one2many", "relation": "sale.order.line", "string": "Lines"},
        "company_id": {"type": "many2one", "relation": "res.company", "string": "Company"},
    },
    "sale.order.line": {
        "id": {"type": "integer", "string": "ID"},
        "product_id": {"type": "many2one", "relation": "product.product", "string": "Product"},
        "qty": {"type": "float", "string": "Quantity"},
        "price": {"type": "float", "string": "Price"},
    },
    "res.partner": {
        "id": {"type": "integer", "string": "ID"},
        "name": {"type": "char", "string": "Name"},
    },
}


@dataclass
class FakeCatalog:
    """Implements nexa.views.validate.ModelCatalog over dicts."""

    models: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: copy.deepcopy(MODELS))
    methods: dict[str, set[str]] = field(default_factory=lambda: {"sale.order": {"action_confirm", "action_cancel"}})
    actions: set[str] = field(default_factory=lambda: {"sale.action_view_invoice", "42"})

    def fields(self, model: str) -> Mapping[str, Mapping[str, Any]] | None:
        return self.models.get(model)

    def has_public_method(self, model: str, name: str) -> bool:
        return name in self.methods.get(model, set())

    def action_exists(self, ref: str) -> bool:
        return ref in self.actions


@pytest.fixture
def catalog() -> FakeCatalog:
    return FakeCatalog()
