"""test.typo: its name field uses fields.Chars, which does not exist."""

from __future__ import annotations

from nexa.orm import Model, fields


class Typo(Model):
    _name = "test.typo"
    _description = "Typo"

    name = fields.Chars()
