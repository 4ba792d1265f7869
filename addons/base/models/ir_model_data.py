"""ir.model.data: external ids (``module.name``) of records created by data files."""

from __future__ import annotations

from typing import Any

from nexa.exceptions import MissingError, ValidationError
from nexa.orm import Model, api, fields

#: Records of these models are managed by the registry, not by data files.
REFLECTED_MODELS = ("ir.model", "ir.model.fields", "ir.module.module")


class ModelData(Model):
    _name = "ir.model.data"
    _description = "External Identifier"
    _order = "module, model, name"
    _rec_name = "complete_name"
    _sql_constraints = [("name_uniq", "unique (module, name)", "External ids must be unique per addon.")]

    name = fields.Char("External Identifier", required=True)
    module = fields.Char(required=True, index=True)
    model = fields.Char("Model Name", required=True, index=True)
    res_id = fields.Integer("Record ID", index=True)
    noupdate = fields.Boolean("Non Updatable")
    complete_name = fields.Char(compute="_compute_complete_name")

    def _compute_complete_name(self) -> None:
        for data in self:
            data.complete_name = f"{data.module}.{data.name}"

    def _lookup_cache(self) -> dict:
        return self.env.transaction.data.setdefault("xmlids", {})

    @api.model
    def _xmlid_entry(self, xmlid: str) -> Any:
        """The ir.model.data record of ``module.name``, or None."""
        module, _dot, name = xmlid.partition(".")
        if not name:
            raise ValidationError(f"External ids have the form 'module.name', got {xmlid!r}", value=xmlid)
        found = self.sudo()._search([("module", "=", module), ("name", "=", name)], limit=1)
        return found or None

    @api.model
    def _xmlid_lookup(self, xmlid: str) -> tuple[str, int] | None:
        """``(model, res_id)`` of an external id, or None (cached per transaction)."""
        cache = self._lookup_cache()
        if xmlid not in cache:
            entry = self._xmlid_entry(xmlid)
            cache[xmlid] = (entry.model, entry.res_id) if entry else None
        return cache[xmlid]

    @api.model
    def _xmlid_to_record(self, xmlid: str, raise_if_not_found: bool = True) -> Any:
        found = self._xmlid_lookup(xmlid)
        record = self.env[found[0]].browse(found[1]).exists() if found else None
        if not record:
            if raise_if_not_found:
                raise MissingError(f"External id {xmlid!r} does not exist", value=xmlid)
            return None
        return record

    @api.model
    def _xmlid_of(self, record: Any) -> str | None:
        found = self.sudo()._search([("model", "=", record._name), ("res_id", "=", record.id)], limit=1)
        return f"{found.module}.{found.name}" if found else None

    @api.model_create_multi
    def create(self, vals_list: list[dict]) -> Any:
        self._lookup_cache().clear()
        return super().create(vals_list)

    def write(self, values: dict) -> bool:
        self._lookup_cache().clear()
        return super().write(values)

    def unlink(self) -> bool:
        self._lookup_cache().clear()
        return super().unlink()

    @api.model
    def check_object_reference(self, module: str, xml_id: str, raise_on_access_error: bool = False) -> Any:
        """``[model, id]`` of ``module.xml_id`` (odoorpc's ``env.ref`` calls it)."""
        found = self._xmlid_lookup(f"{module}.{xml_id}")
        if not found:
            raise ValueError(f"External ID not found in the system: {module}.{xml_id}")
        return [found[0], found[1]]

    @api.model
    def _remove_addon_data(self, module: str) -> None:
        """Delete the records an addon's data files created (on uninstall), newest first."""
        entries = self.sudo()._search([("module", "=", module)], order="id desc")
        self._unlink_entries(entries)

    @api.model
    def _remove_stale(self, module: str, touched: set[str]) -> None:
        """After an upgrade: delete records whose external id no data file mentions any more."""
        entries = self.sudo()._search([("module", "=", module), ("noupdate", "=", False),
                                       ("model", "not in", list(REFLECTED_MODELS))], order="id desc")
        self._unlink_entries(entries.filtered(lambda e: f"{e.module}.{e.name}" not in touched))

    def _unlink_entries(self, entries: Any) -> None:
        for entry in entries:
            if entry.model in self.env.registry and entry.model not in REFLECTED_MODELS:
                target = self.env[entry.model].sudo().with_context(active_test=False).browse(entry.res_id)
                if target.exists():
                    target.unlink()
        entries.exists().unlink()
