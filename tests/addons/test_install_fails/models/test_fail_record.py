"""test.fail.record: a model whose table exists only during the failing install."""

from __future__ import annotations

from nexa.orm import Model, fields


class FailRecord(Model):
    _name = "test.fail.record"
    _description = "Failing Record"

    name = fields.Char(required=True)
    amount = fields.Integer()
