"""res.partner in test_orm_depth: a stored total over the partner's orders (computed across three models), and
the tags of those orders (a stored computed many2many)."""

from __future__ import annotations

from nexa.orm import Model, api, fields


class Partner(Model):
    _inherit = "res.partner"

    depth_order_ids = fields.One2many("test.depth.order", "partner_id", "Depth Orders")
    depth_total = fields.Float(compute="_compute_depth_total", store=True)
    depth_tag_ids = fields.Many2many("test.depth.tag", "test_depth_partner_tag_rel", "partner_id", "tag_id",
                                     "Order Tags", compute="_compute_depth_tag_ids", store=True)

    @api.depends("depth_order_ids.amount_total")
    def _compute_depth_total(self) -> None:
        for partner in self:
            partner.depth_total = sum(partner.depth_order_ids.mapped("amount_total"))

    @api.depends("depth_order_ids.tag_ids")
    def _compute_depth_tag_ids(self) -> None:
        for partner in self:
            partner.depth_tag_ids = partner.depth_order_ids.mapped("tag_ids")
