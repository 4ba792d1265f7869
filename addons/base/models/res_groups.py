"""res.groups: groups of users, the unit access rights and record rules are granted to.

A group *implies* other groups (``implied_ids``): its users get those too, and
so on transitively (:func:`nexa.security.access.user_group_ids`). Every change
to a group is written to the audit log and drops the access caches of the
transaction, so the next check sees it.
"""

from __future__ import annotations

from typing import Any

from nexa.exceptions import ValidationError
from nexa.orm import Model, api, fields


class Groups(Model):
    _name = "res.groups"
    _description = "Access Group"
    _order = "name"
    _inherit = ["ir.security.mixin"]

    name = fields.Char(required=True, translate=True)
    comment = fields.Text()
    category_id = fields.Many2one("ir.module.category", "Application", index=True,
                                  help="The application the group belongs to, e.g. 'Sales'")
    implied_ids = fields.Many2many("res.groups", "res_groups_implied_rel", "gid", "hid", "Inherits",
                                   help="Users of this group also get the groups listed here")
    users = fields.Many2many("res.users", "res_groups_users_rel", "gid", "uid")
    share = fields.Boolean("Share Group", help="A group of portal or public users (not employees)")
    full_name = fields.Char(compute="_compute_full_name")

    @api.depends("name", "category_id.name")
    def _compute_full_name(self) -> None:
        for group in self:
            category = group.sudo().category_id.name
            group.full_name = f"{category} / {group.name}" if category else group.name

    @api.constrains("implied_ids")
    def _check_implied_cycle(self) -> None:
        """A group may not imply itself, directly or through other groups."""
        for group in self.sudo():
            seen: set[int] = set()
            frontier = list(group.implied_ids)
            while frontier:
                current = frontier.pop()
                if current.id == group.id:
                    raise ValidationError(f"Group {group.name!r} (res.groups {group.id}) implies itself through "
                                          "implied_ids: remove one link of the loop", model=self._name,
                                          field="implied_ids", record_ids=[group.id])
                if current.id not in seen:
                    seen.add(current.id)
                    frontier.extend(current.implied_ids)

    def implied_closure(self) -> Any:
        """These groups and every group they imply, transitively."""
        closure, frontier = self.browse(), self.sudo()
        while frontier:
            closure |= frontier
            frontier = frontier.mapped("implied_ids") - closure
        return closure.with_env(self.env)

    def write(self, values: dict) -> bool:
        result = super().write(values)
        if {"implied_ids", "users"} & set(values):
            self.mapped("users")._check_exclusive_groups()
        return result
