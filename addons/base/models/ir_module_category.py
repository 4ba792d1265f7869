"""ir.module.category: the applications groups are sorted into ("Sales", "Administration", "User types").

A category marked ``exclusive`` holds groups a user may have at most one of,
implied groups included: the three *user types* (internal, portal, public) are
such a category, so nobody is an employee and a portal customer at once.
"""

from nexa.orm import Model, fields


class ModuleCategory(Model):
    _name = "ir.module.category"
    _description = "Application"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    description = fields.Text()
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one("ir.module.category", "Parent Application", index=True)
    child_ids = fields.One2many("ir.module.category", "parent_id", "Child Applications")
    group_ids = fields.One2many("res.groups", "category_id", "Groups")
    exclusive = fields.Boolean(help="A user belongs to at most one group of this category (implied groups "
                                    "included), as with the user types")
    visible = fields.Boolean(default=True)
