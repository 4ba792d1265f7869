"""test.web.gadget: one field of every type the web client has a widget for.

char, text, html, integer, float, monetary (with its currency), boolean, date,
datetime, selection (a status bar with buttons), many2one (a partner, a stage for
the kanban columns), one2many (parts), many2many (tags), binary (a file and its
name) and image. Quantities may not be negative: the constraint gives the browser
tests a server validation error to show next to the field.
"""

from __future__ import annotations

from nexa.exceptions import ValidationError
from nexa.orm import Model, api, fields

STATES = [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")]


class Gadget(Model):
    _name = "test.web.gadget"
    _description = "Gadget"
    _order = "sequence, name, id"

    name = fields.Char(required=True)
    code = fields.Char("Reference", size=32)
    sequence = fields.Integer(default=10)
    description = fields.Text()
    notes = fields.Html()
    quantity = fields.Integer(default=1)
    weight = fields.Float(digits=(10, 3))
    price = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", "Currency", ondelete="restrict",
                                  default=lambda self: self.env.company.currency_id.id)
    available = fields.Boolean(default=True)
    active = fields.Boolean(default=True)
    release_date = fields.Date("Release Date")
    last_check = fields.Datetime("Last Check")
    state = fields.Selection(STATES, default="draft", required=True)
    partner_id = fields.Many2one("res.partner", "Supplier", ondelete="set null")
    stage_id = fields.Many2one("test.web.stage", "Stage", ondelete="restrict",
                               default=lambda self: self.env["test.web.stage"].search([], limit=1).id)
    line_ids = fields.One2many("test.web.gadget.line", "gadget_id", "Parts")
    tag_ids = fields.Many2many("test.web.tag", string="Tags")
    manual = fields.Binary("Manual")
    manual_name = fields.Char("Manual File Name")
    photo = fields.Image("Photo")
    color = fields.Integer()
    total = fields.Float("Parts Total", compute="_compute_total", store=True, digits=(10, 2))

    @api.depends("line_ids.subtotal")
    def _compute_total(self) -> None:
        for gadget in self:
            gadget.total = sum(gadget.line_ids.mapped("subtotal"))

    @api.constrains("quantity")
    def _check_quantity(self) -> None:
        for gadget in self:
            if (gadget.quantity or 0) < 0:
                raise ValidationError(f"The field 'Quantity' of {gadget.name!r} must not be negative "
                                      f"(got {gadget.quantity}): enter 0 or more", model=self._name,
                                      field="quantity", value=gadget.quantity, record_ids=[gadget.id])

    def action_confirm(self) -> bool:
        self.write({"state": "confirmed"})
        return True

    def action_done(self) -> bool:
        self.write({"state": "done"})
        return True

    def action_reset(self) -> bool:
        self.write({"state": "draft"})
        return True
