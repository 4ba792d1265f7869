"""test.depth.stage: kanban stages of orders (group_expand, fold)."""

from __future__ import annotations

from nexa.orm import Model, fields


class Stage(Model):
    _name = "test.depth.stage"
    _description = "Depth Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean()
