"""Adds a reference to test.views.order, shown by this addon's extension of the form."""

from nexa.orm import Model, fields


class Order(Model):
    _inherit = "test.views.order"

    reference = fields.Char()
    internal_code = fields.Char()
