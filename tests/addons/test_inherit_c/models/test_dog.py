"""test.dog: delegates to test.animal, so every dog has an animal record and its fields."""

from __future__ import annotations

from nexa.orm import Model, fields


class Dog(Model):
    _name = "test.dog"
    _description = "Test Dog"
    _inherits = {"test.animal": "animal_id"}

    animal_id = fields.Many2one("test.animal", "Animal", required=True, ondelete="cascade")
    breed = fields.Char(required=True, default="mixed")
    good_boy = fields.Boolean(default=True)
