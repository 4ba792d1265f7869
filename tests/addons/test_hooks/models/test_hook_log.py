"""test.hook.log: one line per lifecycle hook call."""

from __future__ import annotations

from nexa.orm import Model, fields


class HookLog(Model):
    _name = "test.hook.log"
    _description = "Hook Log"
    _order = "id"

    name = fields.Char(required=True)
    note = fields.Char()
