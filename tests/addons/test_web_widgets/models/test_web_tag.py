"""test.web.tag: the many2many tags of gadgets."""

from __future__ import annotations

from nexa.orm import Model, fields


class Tag(Model):
    _name = "test.web.tag"
    _description = "Gadget Tag"
    _order = "name"

    name = fields.Char(required=True)
    color = fields.Integer()
