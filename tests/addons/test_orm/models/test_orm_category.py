"""test.orm.category: a hierarchy (parent_id) with a materialised parent_path, for child_of / parent_of."""

from __future__ import annotations

from nexa.orm import Model, fields


class Category(Model):
    _name = "test.orm.category"
    _description = "Category"
    _order = "name"
    _parent_store = True

    name = fields.Char(required=True)
    parent_id = fields.Many2one("test.orm.category", "Parent", ondelete="cascade", index=True)
    child_ids = fields.One2many("test.orm.category", "parent_id", "Children")
