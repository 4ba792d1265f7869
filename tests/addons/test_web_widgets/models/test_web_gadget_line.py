"""test.web.gadget.line: the one2many lines of a gadget (its parts)."""

from __future__ import annotations

from nexa.orm import Model, api, fields


class GadgetLine(Model):
    _name = "test.web.gadget.line"
    _description = "Gadget Part"
    _order = "sequence, id"

    gadget_id = fields.Many2one("test.web.gadget", "Gadget", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char("Part", required=True)
    quantity = fields.Integer(default=1)
    unit_price = fields.Float("Unit Price", digits=(10, 2))
    subtotal = fields.Float(compute="_compute_subtotal", store=True, digits=(10, 2))

    @api.depends("quantity", "unit_price")
    def _compute_subtotal(self) -> None:
        for line in self:
            line.subtotal = (line.quantity or 0) * (line.unit_price or 0.0)
