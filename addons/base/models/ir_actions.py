"""Actions: what the client does when a menu or a button is used.

Every action type (window, server, report) is its own model with its own table,
built from the prototype ``ir.actions.actions``. As in Odoo, action ids are
shared by all types: creating an action first records it in the ``ir_actions``
table (its name, type and bindings) and gives the new record that id. So
``42`` names one action whatever its type, a button may say ``name="42"``, and
``env["ir.actions.actions"].browse(42).type`` tells which model holds it.

Clients read actions by external id with :meth:`Actions._for_xml_id`, which
returns the action as a dict of the fields the client may read.
"""

from __future__ import annotations

from typing import Any

from nexa.exceptions import AccessError, MissingError, UserError, ValidationError, did_you_mean
from nexa.orm import Model, api, fields
from nexa.views.arch import VIEW_TYPES, ViewError, normalize_view_type
from nexa.views.catalog import ACTIONS_MODEL

#: Fields any client may read on any action (see ``_get_readable_fields``).
READABLE_FIELDS = frozenset({"binding_model_id", "binding_type", "binding_view_types", "display_name", "help",
                             "id", "name", "type", "xml_id"})
_SYNCING = "ir_actions_syncing"  # context key: a write/unlink coming from the action's own model


class Actions(Model):
    """The prototype of every action type, and the index sharing their ids."""

    _name = ACTIONS_MODEL
    _description = "Action"
    _table = "ir_actions"
    _order = "name, id"

    name = fields.Char("Action Name", required=True, translate=True)
    type = fields.Char("Action Type", required=True, readonly=True, help="The model holding the action")
    xml_id = fields.Char("External ID", compute="_compute_xml_id")
    help = fields.Html("Action Description", help="Shown by the client when the action shows no record")
    binding_model_id = fields.Many2one("ir.model", "Binding Model", ondelete="cascade",
                                       help="Offer this action in the Action/Print menu of this model's views")
    binding_type = fields.Selection([("action", "Action"), ("report", "Report")], "Binding Type",
                                    required=True, default="action")
    binding_view_types = fields.Char(default="list,form")

    def _compute_xml_id(self) -> None:
        models = {self._name} if self._name != ACTIONS_MODEL else set(self.sudo().mapped("type"))
        entries = self.env["ir.model.data"].sudo().search([("model", "in", sorted(models)),
                                                           ("res_id", "in", list(self._ids))], order="id")
        found: dict[int, str] = {}
        for entry in entries:
            found.setdefault(entry.res_id, f"{entry.module}.{entry.name}")
        for action in self:
            action.xml_id = found.get(action.id, "")

    # -- one id for every action type ----------------------------------------------------------------------
    def _insert_rows(self, rows: list[dict[str, Any]]) -> list[int]:
        """Record each new action in ``ir_actions`` first, and give it that id."""
        if self._name == ACTIONS_MODEL:
            return super()._insert_rows(rows)
        index = self.env[ACTIONS_MODEL].sudo()
        shared = [{**{name: value for name, value in row.items() if _is_shared(index, name)}, "type": self._name}
                  for row in rows]
        ids = index._insert_rows(shared)
        return super()._insert_rows([{**row, "id": new_id} for row, new_id in zip(rows, ids)])

    @api.model_create_multi
    def create(self, vals_list: dict | list[dict]) -> Any:
        if self._name == ACTIONS_MODEL:
            raise UserError("Create actions through their own model (ir.actions.act_window, ir.actions.server, "
                            "ir.actions.report), not through ir.actions.actions", model=ACTIONS_MODEL)
        return super().create(vals_list)

    def write(self, values: dict) -> bool:
        if self._name == ACTIONS_MODEL and not self.env.context.get(_SYNCING):
            for records in self._by_type():
                records.write(values)
            return True
        result = super().write(values)
        if self._name != ACTIONS_MODEL:
            index = self.env[ACTIONS_MODEL].sudo()
            shared = {name: value for name, value in values.items() if _is_shared(index, name)}
            if shared:
                index.with_context(**{_SYNCING: True}).browse(self._ids).write(shared)
        return result

    def unlink(self) -> bool:
        if self._name == ACTIONS_MODEL and not self.env.context.get(_SYNCING):
            for records in self._by_type():
                records.unlink()
            return True
        ids = self._ids
        result = super().unlink()
        if self._name != ACTIONS_MODEL:
            self.env[ACTIONS_MODEL].sudo().with_context(**{_SYNCING: True}).browse(ids).exists().unlink()
        return result

    def _by_type(self) -> list[Any]:
        """These index records as records of their own action models (one recordset per type)."""
        by_type: dict[str, list[int]] = {}
        for action in self.sudo():
            by_type.setdefault(action.type, []).append(action.id)
        return [self.env[model].browse(ids) for model, ids in by_type.items() if model in self.env.registry]

    # -- what clients read ---------------------------------------------------------------------------------
    def _get_readable_fields(self) -> set[str]:
        """The fields a client may read through :meth:`_get_action_dict`; each type adds its own."""
        return set(READABLE_FIELDS)

    def _get_action_dict(self) -> dict[str, Any]:
        """The action as the client runs it: its readable fields, read in superuser mode."""
        self.ensure_one()
        readable = self._get_readable_fields()
        names = [name for name in self._fields if name in readable]
        values = self.sudo().read(names)[0]
        values["type"] = self._name
        return values

    def _check_groups(self) -> None:
        """Refuse an action restricted to groups the user is in none of (types with ``groups_id``)."""
        if "groups_id" not in self._fields or self.env.su:
            return
        from nexa.security.access import user_group_ids

        for action in self:
            allowed = set(action.sudo().groups_id._ids)
            if allowed and not allowed & user_group_ids(self.env):
                raise AccessError(f"Action {action.sudo().name!r} ({self._name} {action.id}) is restricted to "
                                  "groups you are not in", model=self._name, record_ids=[action.id])

    @api.model
    def _for_xml_id(self, full_xml_id: str) -> dict[str, Any]:
        """The action dict of the action with external id ``full_xml_id`` (e.g. ``base.action_partner_form``)."""
        from nexa.views.catalog import resolve_action

        action = resolve_action(self.env, full_xml_id)
        if action is None:
            raise MissingError(f"No action has the external id {full_xml_id!r}: check the module prefix and that "
                               "the addon defining it is installed", model=ACTIONS_MODEL, value=full_xml_id)
        if not isinstance(action, type(self.env[self._name])) and self._name != ACTIONS_MODEL:
            raise ValidationError(f"External id {full_xml_id!r} is a {action._name}, not a {self._name}",
                                  model=self._name, value=full_xml_id)
        action = action.with_env(self.env)
        action._check_groups()
        return action._get_action_dict()

    @api.model
    def _get_bindings(self, model_name: str) -> dict[str, list[dict[str, Any]]]:
        """The actions bound to ``model_name`` the user may run: ``{"action": [...], "print": [...]}``."""
        result: dict[str, list[dict[str, Any]]] = {"action": [], "print": []}
        index = self.env[ACTIONS_MODEL].sudo()
        bound = index.search([("binding_model_id.model", "=", model_name)], order="id")
        for records in bound._by_type():
            for action in records.with_env(self.env):
                try:
                    action._check_groups()
                except AccessError:
                    continue
                values = action._get_action_dict()
                result["print" if values.get("binding_type") == "report" else "action"].append(values)
        return result


def _is_shared(index: Any, name: str) -> bool:
    field = index._fields.get(name)
    return field is not None and name != "id" and field.column_stored


class ActWindow(Model):
    """Open records of a model in the client's views (list, form, kanban...)."""

    _name = "ir.actions.act_window"
    _inherit = ACTIONS_MODEL
    _description = "Window Action"
    _table = "ir_act_window"

    type = fields.Char(default="ir.actions.act_window")
    res_model = fields.Char("Destination Model", required=True)
    res_id = fields.Integer("Record ID", help="Open this record directly (form view)")
    domain = fields.Char("Domain Value", help="Python expression of a domain restricting the records shown")
    context = fields.Char("Context Value", default="{}", required=True)
    limit = fields.Integer(default=80, help="Records per page in list views")
    view_mode = fields.Char(required=True, default="list,form",
                            help="Comma-separated view types, first one shown first ('tree' means 'list')")
    view_id = fields.Many2one("ir.ui.view", "View Ref.", ondelete="set null")
    view_ids = fields.One2many("ir.actions.act_window.view", "act_window_id", "Views")
    views = fields.Json(compute="_compute_views", help="[(view id or False, view type)] the client opens")
    search_view_id = fields.Many2one("ir.ui.view", "Search View Ref.", ondelete="set null")
    target = fields.Selection([("current", "Current Window"), ("new", "New Window"), ("inline", "Inline Edit"),
                               ("fullscreen", "Full Screen"), ("main", "Main action of Current Window")],
                              default="current")
    filter = fields.Boolean()
    usage = fields.Char("Action Usage")
    groups_id = fields.Many2many("res.groups", "ir_act_window_group_rel", "act_id", "gid", "Groups")

    @api.depends("view_mode", "view_id", "view_ids.view_mode", "view_ids.view_id", "view_ids.sequence")
    def _compute_views(self) -> None:
        """Explicit ``view_ids`` first, then ``view_id`` for its type, then the other modes with no view."""
        for action in self:
            pairs: list[list[Any]] = [[line.view_id.id or False, normalize_view_type(line.view_mode)]
                                      for line in action.view_ids.sorted(key=lambda line: (line.sequence, line.id))]
            taken = {mode for _view, mode in pairs}
            for mode in _modes(action.view_mode):
                if mode in taken:
                    continue
                view = action.view_id if action.view_id and action.view_id.type == mode else None
                pairs.append([view.id if view else False, mode])
                taken.add(mode)
            action.views = pairs

    @api.constrains("res_model", "view_mode")
    def _check_model_and_modes(self) -> None:
        for action in self:
            if action.res_model not in self.env.registry:
                hint = did_you_mean(action.res_model or "", self.env.registry.models, bare=True)
                message = (f"Window action {action.name!r} opens model {action.res_model!r}, which no "
                           "installed addon defines")
                raise ValidationError(f"{message}; {hint}" if hint else message, model=self._name,
                                      field="res_model", value=action.res_model)
            try:
                _modes(action.view_mode)
            except ViewError as error:
                raise ValidationError(f"Window action {action.name!r}: view_mode {action.view_mode!r}: "
                                      f"{error.reason}", model=self._name, field="view_mode",
                                      value=action.view_mode) from None

    def _get_readable_fields(self) -> set[str]:
        return super()._get_readable_fields() | {"context", "domain", "filter", "groups_id", "limit", "res_id",
                                                 "res_model", "search_view_id", "target", "view_id",
                                                 "view_mode", "views", "usage"}

    def _get_action_dict(self) -> dict[str, Any]:
        values = super()._get_action_dict()
        values["view_mode"] = ",".join(_modes(values.get("view_mode") or ""))
        return values


def _modes(view_mode: str) -> list[str]:
    """The view types of a ``view_mode`` string, ``tree`` read as ``list``; an unknown one raises ViewError."""
    return list(dict.fromkeys(normalize_view_type(mode.strip()) for mode in (view_mode or "").split(",")
                              if mode.strip()))


class ActWindowView(Model):
    """One view of a window action, when the action names views for several types."""

    _name = "ir.actions.act_window.view"
    _description = "Window Action View"
    _table = "ir_act_window_view"
    _order = "sequence, id"
    _rec_name = "view_mode"

    sequence = fields.Integer(default=10)
    view_id = fields.Many2one("ir.ui.view", "View", ondelete="cascade")
    view_mode = fields.Selection([*((kind, kind.title()) for kind in VIEW_TYPES), ("tree", "List (former name)")],
                                 "View Type", required=True)
    act_window_id = fields.Many2one("ir.actions.act_window", "Action", ondelete="cascade", required=True)
