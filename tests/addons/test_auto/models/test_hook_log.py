"""test.hook.log, extended with the animal a line is about."""

from __future__ import annotations

from nexa.orm import Model, fields


class HookLog(Model):
    _inherit = "test.hook.log"

    animal_id = fields.Many2one("test.animal", ondelete="set null")
