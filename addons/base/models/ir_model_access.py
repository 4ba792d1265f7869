"""ir.model.access: which group may read, write, create or delete records of a model."""

from nexa.orm import Model, fields


class ModelAccess(Model):
    _name = "ir.model.access"
    _description = "Model Access"
    _order = "model_id, group_id, name"

    name = fields.Char(required=True, index=True)
    active = fields.Boolean(default=True)
    model_id = fields.Many2one("ir.model", "Model", required=True, ondelete="cascade", index=True)
    group_id = fields.Many2one("res.groups", "Group", ondelete="restrict", index=True,
                               help="Empty: the access applies to every user")
    perm_read = fields.Boolean("Read Access")
    perm_write = fields.Boolean("Write Access")
    perm_create = fields.Boolean("Create Access")
    perm_unlink = fields.Boolean("Delete Access")
