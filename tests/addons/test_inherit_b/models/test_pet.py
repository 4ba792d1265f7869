"""test.pet: a new model made from test.animal used as a prototype."""

from __future__ import annotations

from nexa.orm import Model, fields


class Pet(Model):
    _name = "test.pet"
    _inherit = "test.animal"
    _description = "Test Pet"

    owner = fields.Char()

    def describe(self) -> list[str]:
        return [*super().describe(), "pet"]
