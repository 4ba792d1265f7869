"""test.orm.line: the one2many lines of a test.orm.record."""

from __future__ import annotations

from nexa.orm import Model, fields


class Line(Model):
    _name = "test.orm.line"
    _description = "Line"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    quantity = fields.Float(digits=(10, 3))
    record_id = fields.Many2one("test.orm.record", "Record", required=True, ondelete="cascade")
    tag_id = fields.Many2one("test.orm.tag", "Tag", ondelete="restrict")
