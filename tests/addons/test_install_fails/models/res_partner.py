"""res.partner, extended with a column that must disappear with the failed install."""

from __future__ import annotations

from nexa.orm import Model, fields


class Partner(Model):
    _inherit = "res.partner"

    fail_code = fields.Char(index=True)
