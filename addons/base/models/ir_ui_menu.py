"""ir.ui.menu: the menus of the web client, a tree of items each opening an action.

Top-level menus are the *apps* (Contacts, Settings...). A user sees a menu when
it is not restricted to groups they are out of and either its action is
allowed (the user may read the action's model) or it is a folder leading to
such a menu. :meth:`Menu.load_menus` gives the client the visible tree in
Odoo 17's shape::

    {"root": {"id": "root", "children": [3, 7], ...},
     3: {"id": 3, "name": "Contacts", "children": [4], "appID": 3, "xmlid": "base.menu_contacts",
         "actionID": 12, "actionModel": "ir.actions.act_window", "webIcon": "base,static/icon.png", ...}}

``group_no_one`` (Technical Features) menus show in debug mode only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nexa.exceptions import ValidationError
from nexa.orm import Model, api, fields
from nexa.views.catalog import ACTION_MODELS

#: The field of each action type naming the model the user must be able to read.
ACTION_TARGET_MODEL = {"ir.actions.act_window": "res_model", "ir.actions.report": "model",
                       "ir.actions.server": "model_name"}
_SEPARATOR = "/"


class Menu(Model):
    """A menu item (see the module docstring)."""

    _name = "ir.ui.menu"
    _description = "Menu"
    _order = "sequence, id"
    _parent_name = "parent_id"

    name = fields.Char("Menu", required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one("ir.ui.menu", "Parent Menu", index=True, ondelete="restrict")
    child_id = fields.One2many("ir.ui.menu", "parent_id", "Child Menus")
    complete_name = fields.Char("Full Path", compute="_compute_complete_name", recursive=True)
    groups_id = fields.Many2many("res.groups", "ir_ui_menu_group_rel", "menu_id", "gid", "Groups",
                                 help="Only these groups see the menu (everyone when empty)")
    web_icon = fields.Char("Web Icon File", help="'addon,path/to/icon.png' for apps")
    action = fields.Reference(selection="_action_models", string="Action")

    @api.model
    def _action_models(self) -> list[tuple[str, str]]:
        return [(model, self.env[model]._description or model) for model in ACTION_MODELS if model in self.env]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self) -> None:
        for menu in self:
            names, current, seen = [], menu, set()
            while current and current.id not in seen:
                seen.add(current.id)
                names.append(current.name or "")
                current = current.parent_id
            menu.complete_name = _SEPARATOR.join(reversed(names))

    @api.constrains("parent_id")
    def _check_parent_loop(self) -> None:
        for menu in self:
            seen, current = [menu.id], menu.parent_id
            while current:
                if current.id in seen:
                    raise ValidationError(f"Menu {menu.name!r} would be its own ancestor: {menu.complete_name}",
                                          model=self._name, field="parent_id", record_ids=[menu.id])
                seen.append(current.id)
                current = current.parent_id

    # -- visibility -----------------------------------------------------------------------------------------
    @api.model
    def _visible_menu_ids(self, debug: bool = False) -> set[int]:
        """Ids of the menus the user sees (see the module docstring)."""
        from nexa.security.access import group_ids_of_xmlids, user_group_ids

        user_env = self.env(su=False)
        groups = set(user_group_ids(user_env))
        if not debug:
            groups -= group_ids_of_xmlids(self.env, "base.group_no_one")
        menus = self.sudo().search([])
        allowed = menus.filtered(lambda menu: not menu.groups_id or bool(groups & set(menu.groups_id._ids)))
        by_id = {menu.id: menu for menu in allowed}
        wanted: dict[str, set[int]] = {}
        for menu in allowed:
            if menu.action:
                wanted.setdefault(menu.action._name, set()).add(menu.action.id)
        runnable = {(model, action.id) for model, ids in wanted.items()
                    for action in self.env(su=True)[model].browse(sorted(ids)).exists()
                    if _action_allowed(user_env, action)}
        visible: set[int] = set()
        for menu in allowed:
            if not menu.action or (menu.action._name, menu.action.id) not in runnable:
                continue
            current = menu
            while current and current.id in by_id and current.id not in visible:
                visible.add(current.id)
                current = current.parent_id
        return visible

    @api.model
    def load_menus(self, debug: bool = False) -> dict[Any, dict[str, Any]]:
        """The menus the user sees, keyed by id, plus ``"root"`` listing the apps (Odoo 17's web shape)."""
        visible = self._visible_menu_ids(debug)
        menus = self.sudo().browse(sorted(visible))
        rows = {row["id"]: row for row in menus.read(["name", "sequence", "parent_id", "action", "web_icon"])}
        xmlids = self._xmlids(rows)
        children: dict[Any, list[int]] = {"root": []}
        for row in sorted(rows.values(), key=lambda row: (row["sequence"], row["id"])):
            parent = row["parent_id"][0] if row["parent_id"] else "root"
            children.setdefault(parent, []).append(row["id"])
        result: dict[Any, dict[str, Any]] = {
            "root": {"id": "root", "name": "root", "children": children["root"], "appID": False, "xmlid": "",
                     "actionID": False, "actionModel": False, "webIcon": None, "webIconData": None}}

        def add(menu_id: int, app_id: int) -> None:
            row = rows[menu_id]
            action = row["action"] or (self._first_action(menu_id, rows, children) if menu_id == app_id else False)
            model, _comma, action_id = action.partition(",") if action else (False, "", False)
            result[menu_id] = {"id": menu_id, "name": row["name"], "children": children.get(menu_id, []),
                               "appID": app_id, "xmlid": xmlids.get(menu_id, ""), "actionID":
                               int(action_id) if action_id else False, "actionModel": model or False,
                               "webIcon": row["web_icon"] or False, "webIconData": False}
            for child in children.get(menu_id, []):
                add(child, app_id)

        for app in children["root"]:
            add(app, app)
        return result

    def _first_action(self, menu_id: int, rows: dict[int, dict], children: dict[Any, list[int]]) -> str | bool:
        """The action of an app without one: that of its first descendant having one."""
        for child in children.get(menu_id, []):
            found = rows[child]["action"] or self._first_action(child, rows, children)
            if found:
                return found
        return False

    def _xmlids(self, ids: Iterable[int]) -> dict[int, str]:
        data = self.env["ir.model.data"].sudo().search([("model", "=", self._name), ("res_id", "in", list(ids))])
        return {entry.res_id: f"{entry.module}.{entry.name}" for entry in data}


def _action_allowed(user_env: Any, action: Any) -> bool:
    """Whether the user may run an (existing) action: in its groups, and allowed to read its model."""
    if "groups_id" in action._fields and action.groups_id:
        from nexa.security.access import user_group_ids

        if not set(action.groups_id._ids) & user_group_ids(user_env):
            return False
    target = ACTION_TARGET_MODEL.get(action._name)
    model = action[target] if target else None
    if not model:
        return True
    return model in user_env.registry and user_env[model].check_access_rights("read", raise_exception=False)
