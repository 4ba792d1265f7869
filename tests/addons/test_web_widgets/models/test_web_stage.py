"""test.web.stage: the columns of the gadgets' kanban view."""

from __future__ import annotations

from nexa.orm import Model, fields


class Stage(Model):
    _name = "test.web.stage"
    _description = "Gadget Stage"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean("Folded in Kanban")
