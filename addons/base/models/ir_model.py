"""ir.model: the catalogue of models, kept in line with the registry."""

from __future__ import annotations

from typing import Any

from nexa.orm import Model, api, fields


class IrModel(Model):
    _name = "ir.model"
    _description = "Model"
    _order = "model"
    _rec_name = "name"
    _sql_constraints = [("model_uniq", "unique (model)", "Each model is described once.")]

    name = fields.Char("Model Description", required=True)
    model = fields.Char(required=True, index=True)
    info = fields.Text("Information")
    modules = fields.Char("In Addons", help="The addons that define or extend the model")
    transient = fields.Boolean()
    abstract = fields.Boolean()
    field_id = fields.One2many("ir.model.fields", "model_id", "Fields")

    @api.model
    def _reflect_addon(self, addon: str) -> None:
        """Create or update the rows of the models and fields ``addon`` contributes to."""
        data = self.env["ir.model.data"]
        existing = {model.model: model for model in self.search([])}
        for name, cls in self.env.registry.models.items():
            if addon not in cls._addons:
                continue
            values = {"name": cls._description or name, "modules": ", ".join(cls._addons),
                      "transient": cls._transient, "abstract": cls._abstract, "info": (cls.__doc__ or "").strip()}
            record = existing.get(name)
            if record:
                record.write(values)
            else:
                record = self.create({**values, "model": name})
                xmlid = f"model_{name.replace('.', '_')}"
                if not data._xmlid_lookup(f"{cls._addons[0]}.{xmlid}"):
                    data.create({"module": cls._addons[0], "name": xmlid, "model": "ir.model",
                                 "res_id": record.id, "noupdate": False})
            self.env["ir.model.fields"]._reflect_model(record, cls)

    @api.model
    def _unreflect_addon(self, addon: str, new_registry: Any) -> None:
        """Remove the rows of models and fields that disappear with ``addon``."""
        for model in self.search([]):
            if model.model not in new_registry.models:
                self.env["ir.model.data"].sudo()._search([("model", "=", "ir.model"),
                                                          ("res_id", "=", model.id)]).unlink()
                model.unlink()
                continue
            kept = set(new_registry.models[model.model]._fields)
            model.field_id.filtered(lambda field, kept=kept: field.name not in kept).unlink()
