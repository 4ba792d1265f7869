"""ir.model.fields: the fields of every model, as the registry composed them."""

from __future__ import annotations

from typing import Any

from nexa.orm import Model, api, fields


class IrModelFields(Model):
    _name = "ir.model.fields"
    _description = "Field"
    _order = "model, name"
    _rec_name = "field_description"
    _sql_constraints = [("name_uniq", "unique (model, name)", "Each field is described once per model.")]

    name = fields.Char("Field Name", required=True, index=True)
    model = fields.Char(required=True, index=True)
    model_id = fields.Many2one("ir.model", required=True, ondelete="cascade", index=True)
    field_description = fields.Char("Label", required=True)
    help = fields.Text()
    ttype = fields.Char("Field Type", required=True)
    relation = fields.Char("Related Model")
    relation_field = fields.Char("Inverse Field")
    required = fields.Boolean()
    readonly = fields.Boolean()
    store = fields.Boolean()
    index = fields.Boolean()
    translate = fields.Boolean()
    groups = fields.Char()

    @api.model
    def _reflect_model(self, model_record: Any, cls: type) -> None:
        existing = {row.name: row for row in self.search([("model_id", "=", model_record.id)])}
        to_create = []
        for name, field in cls._fields.items():
            values = {
                "field_description": field.string or name, "help": field.help or False, "ttype": field.type,
                "relation": getattr(field, "comodel_name", None) or False,
                "relation_field": getattr(field, "inverse_name", None) or False,
                "required": bool(field.required), "readonly": bool(field.readonly), "store": bool(field.store),
                "index": bool(field.index), "translate": bool(field.translate), "groups": field.groups or False,
            }
            if name in existing:
                row = existing[name]
                if any(row[key] != value for key, value in values.items()):
                    row.write(values)
            else:
                to_create.append({**values, "name": name, "model": cls._name, "model_id": model_record.id})
        if to_create:
            self.create(to_create)
