"""test.animal, extended a second time: a weight with two decimals, one more colour."""

from __future__ import annotations

from nexa.orm import Model, fields


class Animal(Model):
    _inherit = "test.animal"

    weight = fields.Float(digits=(6, 2))
    color = fields.Selection(selection_add=[("black", "Black")])

    def describe(self) -> list[str]:
        return [*super().describe(), "c"]
