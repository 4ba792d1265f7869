"""test.views.order: an order-like model whose views the chain of test addons inherits."""

from __future__ import annotations

from nexa.orm import Model, api, fields


class Order(Model):
    _name = "test.views.order"
    _description = "View Test Order"

    name = fields.Char(required=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    partner_id = fields.Many2one("res.partner", "Customer")
    date_order = fields.Date()
    amount = fields.Float()
    note = fields.Text()
    secret = fields.Char(groups="base.group_system", help="Only Settings users may read it")
    company_id = fields.Many2one("res.company")
    line_ids = fields.One2many("test.views.line", "order_id", "Lines")

    def action_confirm(self) -> bool:
        """A public method buttons may call."""
        self.write({"state": "done"})
        return True

    @api.model
    def action_open_report(self) -> dict:
        """Returns an action, as server actions calling methods expect."""
        return {"type": "ir.actions.act_window_close"}

    def _private_helper(self) -> None:
        """Private: views may not call it."""
