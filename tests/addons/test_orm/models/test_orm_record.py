"""test.orm.record: one field of every type, plus computed and related fields."""

from __future__ import annotations

from nexa.orm import Model, api, fields

STATES = [("draft", "Draft"), ("done", "Done")]


class Record(Model):
    _name = "test.orm.record"
    _description = "ORM Record"
    _order = "priority desc, name"

    name = fields.Char(required=True, size=64)
    code = fields.Char(index=True)
    description = fields.Text()
    body = fields.Html()
    priority = fields.Integer(default=1)
    ratio = fields.Float()
    price = fields.Float(digits=(10, 2))
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", "Currency", ondelete="restrict")
    flag = fields.Boolean()
    active = fields.Boolean(default=True)
    day = fields.Date()
    moment = fields.Datetime()
    state = fields.Selection(STATES, default="draft", required=True)
    kind = fields.Selection("_selection_kind")
    data = fields.Binary()
    payload = fields.Json()
    partner_id = fields.Many2one("res.partner", "Partner", ondelete="set null")
    category_id = fields.Many2one("test.orm.category", "Category", ondelete="restrict")
    parent_id = fields.Many2one("test.orm.record", "Parent", ondelete="cascade")
    line_ids = fields.One2many("test.orm.line", "record_id", "Lines")
    tag_ids = fields.Many2many("test.orm.tag", string="Tags")
    target = fields.Reference([("res.partner", "Contact"), ("test.orm.tag", "Tag")])
    total = fields.Float(compute="_compute_total", store=True)
    line_count = fields.Integer(compute="_compute_line_count")
    partner_email = fields.Char(related="partner_id.email")

    @api.model
    def _selection_kind(self) -> list[tuple[str, str]]:
        return [(currency.name.lower(), currency.full_name or currency.name)
                for currency in self.env["res.currency"].search([])]

    @api.depends("line_ids.quantity")
    def _compute_total(self) -> None:
        for record in self:
            record.total = sum(record.line_ids.mapped("quantity"))

    def _compute_line_count(self) -> None:
        for record in self:
            record.line_count = len(record.line_ids)

    def describe(self) -> str:
        return f"{self.name} ({self.state})"
