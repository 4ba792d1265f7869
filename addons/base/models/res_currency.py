"""res.currency: currencies, with their symbol and rounding."""

from __future__ import annotations

from nexa.orm import Model, api, fields


class Currency(Model):
    _name = "res.currency"
    _description = "Currency"
    _order = "active desc, name"
    _sql_constraints = [("name_uniq", "unique (name)", "The currency code must be unique.")]

    name = fields.Char("Currency", size=3, required=True, help="ISO 4217 code")
    full_name = fields.Char("Name")
    symbol = fields.Char(required=True)
    rounding = fields.Float("Rounding Factor", digits=(12, 6), default=0.01)
    decimal_places = fields.Integer(compute="_compute_decimal_places")
    position = fields.Selection([("after", "After Amount"), ("before", "Before Amount")], default="after")
    active = fields.Boolean(default=True)

    @api.depends("rounding")
    def _compute_decimal_places(self) -> None:
        for currency in self:
            rounding, places = currency.rounding or 0.01, 0
            while rounding < 1 and places < 6:
                rounding *= 10
                places += 1
            currency.decimal_places = places

    def round(self, amount: float) -> float:
        """``amount`` rounded to the currency's precision."""
        self.ensure_one()
        return round(round(amount / self.rounding) * self.rounding, self.decimal_places)
