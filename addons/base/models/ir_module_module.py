"""ir.module.module: the addons a database knows about, and which are installed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nexa.orm import Model, api, fields

STATES = [("uninstalled", "Not Installed"), ("installed", "Installed")]


class Module(Model):
    _name = "ir.module.module"
    _description = "Addon"
    _order = "application desc, sequence, name"
    _sql_constraints = [("name_uniq", "unique (name)", "Each addon is listed once.")]

    name = fields.Char("Technical Name", required=True, index=True, readonly=True)
    shortdesc = fields.Char("Name", readonly=True)
    summary = fields.Char(readonly=True)
    description = fields.Text(readonly=True)
    author = fields.Char(readonly=True)
    website = fields.Char(readonly=True)
    license = fields.Char(readonly=True)
    category = fields.Char(readonly=True)
    sequence = fields.Integer(default=100)
    application = fields.Boolean(readonly=True)
    state = fields.Selection(STATES, default="uninstalled", required=True, readonly=True, index=True)
    latest_version = fields.Char("Installed Version", readonly=True)
    installable_version = fields.Char("Available Version", readonly=True)
    demo = fields.Boolean("Demo Data", readonly=True)
    dependencies = fields.Char(readonly=True, help="Comma-separated technical names of the dependencies")

    @api.model
    def _update_list(self, addons: Mapping[str, Any]) -> None:
        """Make sure every addon on the addons path has a row, with its manifest's description."""
        existing = {module.name: module for module in self.search([])}
        for name, info in addons.items():
            manifest = info.manifest
            values = {"shortdesc": manifest.name, "summary": manifest.summary,
                      "description": manifest.description, "author": manifest.author,
                      "website": manifest.website, "license": manifest.license,
                      "category": manifest.category, "sequence": manifest.sequence,
                      "application": manifest.application, "installable_version": manifest.version,
                      "dependencies": ",".join(manifest.depends)}
            if name in existing:
                existing[name].write(values)
            else:
                self.create({**values, "name": name})

    def _mark_installed(self, manifest: Any, *, demo: bool) -> None:
        self.write({"state": "installed", "latest_version": manifest.version, "demo": demo})

    def _mark_uninstalled(self) -> None:
        self.write({"state": "uninstalled", "latest_version": False, "demo": False})
