"""test.depth.tag: translated names, and a total over the orders tagged (through a many2many)."""

from __future__ import annotations

from nexa.orm import Model, api, fields


class Tag(Model):
    _name = "test.depth.tag"
    _description = "Depth Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    description = fields.Html(translate=True)
    order_ids = fields.Many2many("test.depth.order", "test_depth_order_tag_rel", "tag_id", "order_id", "Orders")
    order_total = fields.Float(compute="_compute_order_total", store=True)

    @api.depends("order_ids.amount_total")
    def _compute_order_total(self) -> None:
        for tag in self:
            tag.order_total = sum(tag.order_ids.mapped("amount_total"))
