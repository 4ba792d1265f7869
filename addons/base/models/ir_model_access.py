"""ir.model.access: which group may read, write, create or delete records of a model.

Rows come from each addon's ``security/ir.model.access.csv``. A row without a
group applies to every user; a model without any row is reachable in superuser
mode only. Changes are audited and seen by the next access check.
"""

from __future__ import annotations

from nexa.orm import Model, fields


class ModelAccess(Model):
    _name = "ir.model.access"
    _description = "Model Access"
    _order = "model_id, group_id, name"
    _inherit = ["ir.security.mixin"]

    name = fields.Char(required=True, index=True)
    active = fields.Boolean(default=True)
    model_id = fields.Many2one("ir.model", "Model", required=True, ondelete="cascade", index=True)
    group_id = fields.Many2one("res.groups", "Group", ondelete="restrict", index=True,
                               help="Empty: the access applies to every user")
    perm_read = fields.Boolean("Read Access")
    perm_write = fields.Boolean("Write Access")
    perm_create = fields.Boolean("Create Access")
    perm_unlink = fields.Boolean("Delete Access")
