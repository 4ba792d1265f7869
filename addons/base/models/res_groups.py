"""res.groups: groups of users, the unit access rights and record rules are granted to."""

from nexa.orm import Model, api, fields


class Groups(Model):
    _name = "res.groups"
    _description = "Access Group"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    comment = fields.Text()
    category = fields.Char(help="The application the group belongs to, e.g. 'Sales'")
    implied_ids = fields.Many2many("res.groups", "res_groups_implied_rel", "gid", "hid", "Inherits",
                                   help="Users of this group also get the groups listed here")
    users = fields.Many2many("res.users", "res_groups_users_rel", "gid", "uid")
    full_name = fields.Char(compute="_compute_full_name")

    @api.depends("name", "category")
    def _compute_full_name(self) -> None:
        for group in self:
            group.full_name = f"{group.category} / {group.name}" if group.category else group.name
