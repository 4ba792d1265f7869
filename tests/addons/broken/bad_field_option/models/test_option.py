"""test.option: its name field has a misspelt option."""

from __future__ import annotations

from nexa.orm import Model, fields


class Option(Model):
    _name = "test.option"
    _description = "Option"

    name = fields.Char(requird=True)
