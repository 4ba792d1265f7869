"""test.security.category: a many2one target whose confidential records readers may not see."""

from nexa.orm import Model, fields


class Category(Model):
    _name = "test.security.category"
    _description = "Security Category"
    _order = "name"

    name = fields.Char(required=True)
    confidential = fields.Boolean()
