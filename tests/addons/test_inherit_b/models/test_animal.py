"""test.animal, extended in place: a colour, a required habitat, the noisy mixin, two legs by default."""

from __future__ import annotations

from nexa.orm import Model, fields


class Animal(Model):
    _inherit = ["test.animal", "test.mixin.noisy"]

    color = fields.Selection([("brown", "Brown"), ("grey", "Grey")], default="brown")
    habitat = fields.Char(required=True, default="land")
    legs = fields.Integer(default=2, help="Redeclared by test_inherit_b with another default")

    def describe(self) -> list[str]:
        return [*super().describe(), "b"]
