"""test.security.line: lines of a document; private lines are hidden from readers by a rule."""

from nexa.orm import Model, fields


class Line(Model):
    _name = "test.security.line"
    _description = "Security Document Line"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    doc_id = fields.Many2one("test.security.doc", "Document", ondelete="cascade")
    private = fields.Boolean()
