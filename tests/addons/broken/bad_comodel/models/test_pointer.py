"""test.pointer: partner_id names 'res.partnr' (a typo of res.partner)."""

from __future__ import annotations

from nexa.orm import Model, fields


class Pointer(Model):
    _name = "test.pointer"
    _description = "Pointer"

    partner_id = fields.Many2one("res.partnr")
