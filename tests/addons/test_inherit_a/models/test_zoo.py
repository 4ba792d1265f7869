"""test.zoo: the parent of animals (one2many side)."""

from __future__ import annotations

from nexa.orm import Model, fields


class Zoo(Model):
    _name = "test.zoo"
    _description = "Test Zoo"
    _order = "name"

    name = fields.Char(required=True)
    city = fields.Char()
    animal_ids = fields.One2many("test.animal", "zoo_id", "Animals")
