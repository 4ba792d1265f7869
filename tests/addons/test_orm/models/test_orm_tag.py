"""test.orm.tag: the comodel of many2many fields."""

from __future__ import annotations

from nexa.orm import Model, fields


class Tag(Model):
    _name = "test.orm.tag"
    _description = "Tag"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
