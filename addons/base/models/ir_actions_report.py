"""ir.actions.report: printable documents of a model, offered in its Print menu.

A report action names the template (``report_name``) and the output
(``report_type``); bound to a model (``binding_model_id``, ``binding_type``
"report") it shows in the Print menu of that model's views. Rendering belongs
to :mod:`nexa.reports`; this model is what menus, buttons and the client see:
:meth:`ReportAction.report_action` returns the action the client runs to
download the document.
"""

from __future__ import annotations

from typing import Any

from nexa.exceptions import ValidationError
from nexa.orm import Model, api, fields
from nexa.views.catalog import ACTIONS_MODEL

REPORT_TYPES = [("qweb-pdf", "PDF"), ("qweb-html", "HTML"), ("qweb-text", "Text"), ("csv", "CSV"),
                ("xlsx", "Excel")]


class ReportAction(Model):
    """A report (see the module docstring)."""

    _name = "ir.actions.report"
    _inherit = ACTIONS_MODEL
    _description = "Report Action"
    _table = "ir_act_report_xml"
    _order = "name, id"

    type = fields.Char(default="ir.actions.report")
    binding_type = fields.Selection(default="report")
    model = fields.Char("Model Name", required=True, help="The model whose records the report prints")
    model_id = fields.Many2one("ir.model", "Model", compute="_compute_model_id")
    report_type = fields.Selection(REPORT_TYPES, required=True, default="qweb-pdf")
    report_name = fields.Char("Template Name", required=True)
    report_file = fields.Char("Report File", help="Path of the template in its addon")
    print_report_name = fields.Char("Printed Report Name",
                                    help="Expression giving the file name, e.g. 'Invoice - %s' % object.name")
    attachment = fields.Char("Save as Attachment Prefix")
    attachment_use = fields.Boolean("Reload from Attachment")
    multi = fields.Boolean("On Multiple Documents", help="Hide the report in form views")
    groups_id = fields.Many2many("res.groups", "ir_act_report_group_rel", "act_id", "gid", "Groups")

    @api.depends("model")
    def _compute_model_id(self) -> None:
        models = self.env["ir.model"].sudo()
        for report in self:
            report.model_id = models.search([("model", "=", report.model)], limit=1)

    @api.constrains("model")
    def _check_model(self) -> None:
        for report in self:
            if report.model not in self.env.registry:
                raise ValidationError(f"Report {report.name!r} prints model {report.model!r}, which no installed "
                                      "addon defines", model=self._name, field="model", value=report.model)

    def _get_readable_fields(self) -> set[str]:
        return super()._get_readable_fields() | {"attachment", "attachment_use", "groups_id", "model", "multi",
                                                 "print_report_name", "report_file", "report_name",
                                                 "report_type"}

    def report_action(self, docids: Any = None, data: dict | None = None) -> dict[str, Any]:
        """The action the client runs to print this report for ``docids`` (ids or records)."""
        self.ensure_one()
        self._check_groups()
        ids = list(docids._ids) if hasattr(docids, "_ids") else list(docids or [])
        report = self.sudo()
        return {"type": "ir.actions.report", "id": report.id, "name": report.name, "report_name": report.report_name,
                "report_type": report.report_type, "report_file": report.report_file or False,
                "data": data or False, "context": {**self.env.context, "active_ids": ids}}
