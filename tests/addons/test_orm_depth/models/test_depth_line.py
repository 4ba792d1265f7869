"""test.depth.line: the lines of a test.depth.order."""

from __future__ import annotations

from nexa.orm import Model, api, fields


class Line(Model):
    _name = "test.depth.line"
    _description = "Depth Line"
    _order = "sequence, id"

    order_id = fields.Many2one("test.depth.order", "Order", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    quantity = fields.Float(default=1.0)
    price = fields.Float()
    subtotal = fields.Float(compute="_compute_subtotal", store=True)
    order_partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")

    @api.depends("quantity", "price")
    def _compute_subtotal(self) -> None:
        for line in self:
            line.subtotal = line.quantity * line.price
