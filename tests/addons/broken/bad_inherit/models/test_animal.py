"""test.animal misspelt in _inherit."""

from __future__ import annotations

from nexa.orm import Model, fields


class Animal(Model):
    _inherit = "test.animall"

    tail = fields.Boolean()
