"""test.depth.order: an order whose totals are computed from its lines, with every ORM feature of issue 3."""

from __future__ import annotations

from typing import Any

from nexa.exceptions import ValidationError
from nexa.orm import Model, api, fields

STATES = [("draft", "Draft"), ("sale", "Sale"), ("done", "Done"), ("cancel", "Cancelled")]


class Order(Model):
    _name = "test.depth.order"
    _description = "Depth Order"
    _order = "id"
    _sql_constraints = [
        ("name_uniq", "unique (name)", "The order reference must be unique."),
        ("discount_range", "check (discount >= 0 and discount <= 100)", "The discount is a percentage (0 to 100)."),
    ]

    name = fields.Char(required=True, copy=False, default=lambda self: self._next_name())
    reference = fields.Char(copy=False)
    partner_id = fields.Many2one("res.partner", "Customer", ondelete="restrict")
    partner_country_id = fields.Many2one(related="partner_id.country_id", store=True, string="Country")
    partner_email = fields.Char(related="partner_id.email")
    date_order = fields.Date(default=fields.Date.today)
    moment = fields.Datetime()
    state = fields.Selection(STATES, default="draft", required=True, group_expand="_expand_states")
    stage_id = fields.Many2one("test.depth.stage", "Stage", group_expand="_read_group_stage_ids")
    stage_name = fields.Char(related="stage_id.name", string="Stage Name")
    tag_ids = fields.Many2many("test.depth.tag", "test_depth_order_tag_rel", "order_id", "tag_id", "Tags")
    priority = fields.Integer(default=1)
    discount = fields.Float(default=0.0)
    confirmed = fields.Boolean()
    note = fields.Text(translate=True)
    line_ids = fields.One2many("test.depth.line", "order_id", "Lines")
    amount_untaxed = fields.Float(compute="_compute_amounts", store=True)
    amount_total = fields.Float(compute="_compute_amounts", store=True)
    line_count = fields.Integer(compute="_compute_line_count")
    discount_amount = fields.Float(compute="_compute_discount_amount", inverse="_inverse_discount_amount",
                                   search="_search_discount_amount")

    @api.model
    def _next_name(self) -> str:
        return self.env["ir.sequence"].next_by_code("test.depth.order") or "New"

    @api.depends("line_ids.subtotal", "discount")
    def _compute_amounts(self) -> None:
        for order in self:
            untaxed = sum(order.line_ids.mapped("subtotal"))
            order.amount_untaxed = untaxed
            order.amount_total = round(untaxed * (1 - (order.discount or 0.0) / 100), 2)

    @api.depends("line_ids")
    def _compute_line_count(self) -> None:
        for order in self:
            order.line_count = len(order.line_ids)

    @api.depends("amount_untaxed", "discount")
    def _compute_discount_amount(self) -> None:
        for order in self:
            order.discount_amount = round(order.amount_untaxed * (order.discount or 0.0) / 100, 2)

    def _inverse_discount_amount(self) -> None:
        for order in self:
            if order.amount_untaxed:
                order.discount = round(order.discount_amount / order.amount_untaxed * 100, 4)

    def _search_discount_amount(self, operator: str, value: Any) -> list:
        orders = self.search([("discount", ">", 0)])
        compare = {">": lambda a: a > value, "<": lambda a: a < value, "=": lambda a: a == value,
                   ">=": lambda a: a >= value, "<=": lambda a: a <= value}[operator]
        return [("id", "in", [order.id for order in orders if compare(order.discount_amount)])]

    @api.constrains("priority")
    def _check_priority(self) -> None:
        for order in self:
            if order.priority < 0:
                raise ValidationError("The priority cannot be negative.")

    @api.constrains("amount_total")
    def _check_amount_total(self) -> None:
        for order in self:
            if order.amount_total > 1_000_000:
                raise ValidationError("An order cannot exceed one million.")

    @api.onchange("partner_id")
    def _onchange_partner_id(self) -> Any:
        if self.partner_id:
            self.reference = f"REF-{self.partner_id.name}"
            if not self.partner_id.email:
                return {"warning": {"title": "No email", "message": f"{self.partner_id.name} has no email."}}
        return None

    @api.onchange("priority")
    def _onchange_priority(self) -> None:
        if self.priority >= 5:
            self.discount = 10.0

    @api.model
    def _expand_states(self, states: list, domain: list) -> list:
        return [key for key, _label in STATES if key != "cancel"]

    @api.model
    def _read_group_stage_ids(self, stages: Any, domain: list) -> Any:
        return self.env["test.depth.stage"].search([])
