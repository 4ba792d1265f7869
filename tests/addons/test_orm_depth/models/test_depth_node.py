"""test.depth.node: a tree without parent_path, and a second relation checked with _check_recursion."""

from __future__ import annotations

from nexa.exceptions import ValidationError
from nexa.orm import Model, api, fields


class Node(Model):
    _name = "test.depth.node"
    _description = "Depth Node"

    name = fields.Char(required=True)
    parent_id = fields.Many2one("test.depth.node", "Parent", ondelete="cascade")
    manager_id = fields.Many2one("test.depth.node", "Manager")
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self) -> None:
        for node in self:
            node.complete_name = f"{node.parent_id.complete_name} / {node.name}" if node.parent_id else node.name

    @api.constrains("manager_id")
    def _check_manager(self) -> None:
        if not self._check_recursion("manager_id"):
            raise ValidationError("A node cannot manage itself, even through others.")
