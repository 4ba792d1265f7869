"""test.views.line: the lines of a test.views.order (for x2many sub-views)."""

from nexa.orm import Model, fields


class Line(Model):
    _name = "test.views.line"
    _description = "View Test Order Line"

    order_id = fields.Many2one("test.views.order", required=True, ondelete="cascade")
    product = fields.Char()
    qty = fields.Float()
    price = fields.Float()
