"""test.animal: the model every inheritance test addon extends."""

from __future__ import annotations

from nexa.orm import Model, fields


class Animal(Model):
    _name = "test.animal"
    _description = "Test Animal"
    _order = "sequence, name"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    legs = fields.Integer(default=4)
    active = fields.Boolean(default=True)
    zoo_id = fields.Many2one("test.zoo", "Zoo", ondelete="cascade", index=True)

    def describe(self) -> list[str]:
        """The addons that contributed to this method, in the order super() reaches them."""
        return ["a"]
