"""What the web client asks a model before showing its records: ``get_views`` and its older forms.

Every model answers, through this mixin of :class:`~nexa.orm.models.BaseModel`:

* ``get_views(views, options)`` (Odoo 16/17): several views at once, each arch as
  the *current user* gets it, plus the ``fields_get`` of every field they use,
  per model (x2many sub-views bring their comodel's fields)::

      env["res.partner"].get_views([(False, "list"), (False, "form"), (False, "search")])
      {"views": {"list": {"arch": "<list>...</list>", "id": 7, "model": "res.partner"}, ...},
       "models": {"res.partner": {"fields": {"name": {"type": "char", ...}, ...}},
                  "res.partner.category": {"fields": {...}}}}

* ``get_view(view_id, view_type)`` one view, with the names of the fields used;
* ``fields_view_get`` and ``load_views``, the shapes of Odoo 15 and older
  clients (fields nested under each arch, sub-views under their field).

"As the user gets it" means: inheriting views restricted to groups the user is
not in are left out, nodes with such ``groups`` are removed
(:func:`nexa.views.postprocess.strip_groups`), fields the user may not read are
removed, and buttons running ``%(module.action)d`` get the action's id. As in
Odoo, a field whose change changes others in the form (it has an ``@api.onchange``
method, or a computed field of the view depends on it) carries ``on_change="1"``,
so clients know when to call ``onchange``. The
choice and combination of views is ``ir.ui.view``'s (:mod:`nexa.views.combine`);
a model without a view of the asked type gets a generated one (id ``False``).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from nexa.orm import api
from nexa.views.arch import VIEW_TYPE_ALIASES, VIEW_TYPES, normalize_view_type, remove_node
from nexa.views.postprocess import fields_in_arch, search_filters, strip_groups

_ACTION_REF = re.compile(r"^%\((?P<xmlid>[\w.]+)\)d$")
Used = dict[str, dict[str, dict[str, Any]]]  # model -> readable fields_get of the fields used


class ViewsMixin:
    """get_views / get_view / fields_view_get / load_views (see the module docstring)."""

    env: Any
    _name: str

    @api.model
    def get_views(self, views: list, options: dict | None = None) -> dict[str, Any]:
        """``{"views": {type: {"arch", "id", "model", ...}}, "models": {model: {"fields": {...}}}}``.

        ``views`` lists ``[view_id or False, view_type]`` pairs (``tree`` is
        accepted for ``list``; the answer is keyed by the type as asked).
        ``options``: ``toolbar`` adds the bound actions and reports of each
        non-search view, ``load_filters`` the saved filters of the search view
        (for ``action_id``). Search views always carry ``search_filters``, their
        ``<filter>`` nodes as data.
        """
        options = dict(options or {})
        used: Used = {}
        result: dict[str, Any] = {}
        for view_id, view_type in views:
            kind = normalize_view_type(str(view_type))
            found_id, arch = self._arch_for_user(view_id, kind, used)
            entry: dict[str, Any] = {"arch": etree.tostring(arch, encoding="unicode"), "id": found_id,
                                     "model": self._name}
            if kind == "search":
                entry["search_filters"] = [{k: v for k, v in item.items() if k != "line"}
                                           for item in search_filters(arch)]
                if options.get("load_filters"):
                    entry["filters"] = self._saved_filters(options.get("action_id"))
            elif options.get("toolbar"):
                entry["toolbar"] = self._toolbar(kind)
            result[view_type] = entry
        return {"views": result, "models": {model: {"fields": fields} for model, fields in used.items()}}

    @api.model
    def get_view(self, view_id: int | None = None, view_type: str = "form", **options: Any) -> dict[str, Any]:
        """One view for the current user: ``{"arch", "id", "model", "type", "models": {model: [field names]}}``."""
        used: Used = {}
        kind = normalize_view_type(str(view_type))
        found_id, arch = self._arch_for_user(view_id, kind, used)
        return {"arch": etree.tostring(arch, encoding="unicode"), "id": found_id, "model": self._name, "type": kind,
                "models": {model: sorted(fields) for model, fields in used.items()}}

    @api.model
    def fields_view_get(self, view_id: int | None = None, view_type: str = "form", toolbar: bool = False,
                        submenu: bool = False) -> dict[str, Any]:
        """Odoo 15's shape: ``{"arch", "fields", "model", "name", "type", "view_id", "field_parent"}``.

        ``fields`` holds the ``fields_get`` of the fields used; an x2many field
        with sub-views also has ``"views": {type: {"arch", "fields"}}``.
        """
        used: Used = {}
        kind = normalize_view_type(str(view_type))
        found_id, arch = self._arch_for_user(view_id, kind, used)
        view = self.env["ir.ui.view"].sudo().browse(found_id) if found_id else None
        result = {"arch": etree.tostring(arch, encoding="unicode"), "fields": _nested_fields(arch, self._name, used),
                  "model": self._name, "name": view.name if view else f"default {kind}", "type": kind,
                  "view_id": found_id, "field_parent": False}
        if toolbar and kind != "search":
            result["toolbar"] = self._toolbar(kind)
        return result

    @api.model
    def load_views(self, views: list, options: dict | None = None) -> dict[str, Any]:
        """Odoo 13-15's shape: ``{"fields_views": {type: fields_view_get}, "fields": fields_get(), "filters"?}``."""
        options = dict(options or {})
        fields_views = {view_type: self.fields_view_get(view_id, view_type, toolbar=bool(options.get("toolbar")))
                        for view_id, view_type in views}
        result = {"fields_views": fields_views, "fields": self._user_model(self._name).fields_get()}
        if options.get("load_filters"):
            result["filters"] = self._saved_filters(options.get("action_id"))
        return result

    # -- building one arch for the user -------------------------------------------------------------------------
    def _user_model(self, model: str) -> Any:
        """``model`` seen by the actual user: views are per user even when the caller runs in sudo."""
        return self.env(su=False)[model]

    def _arch_for_user(self, view_id: Any, view_type: str, used: Used) -> tuple[int | bool, etree._Element]:
        from nexa.security.access import has_groups

        found_id, arch = self.env["ir.ui.view"].sudo()._user_arch(self._name, view_id or None, view_type)
        user_env = self.env(su=False)
        arch = strip_groups(arch, lambda xmlid: has_groups(user_env, xmlid))
        shown: Used = {}
        self._clean_level(arch, self._name, shown)
        if view_type != "search":
            _mark_onchange(self.env, arch, self._name, shown)
        for model, fields in shown.items():
            used.setdefault(model, {}).update(fields)
        return found_id, arch

    def _clean_level(self, arch: etree._Element, model: str, used: Used) -> None:
        """Remove fields the user may not read, resolve action buttons, record the fields used; then sub-views.

        A search view also uses the fields its filters group by or filter on by date.
        """
        readable = self._user_model(model).fields_get() if model in self.env.registry else {}
        found = fields_in_arch(arch)
        if arch.tag == "search":  # the client shows group-by and date filters with the field's metadata
            for item in search_filters(arch):
                for name in [*item["group_by"], item["date"]]:
                    if name:
                        found.setdefault(name, {})
        subviews = {id(sub["arch"]): sub for entry in found.values() for sub in entry.get("views", {}).values()}
        stack = [arch]
        while stack:
            node = stack.pop()
            for child in list(node):
                if not isinstance(child.tag, str) or id(child) in subviews:
                    continue
                if child.tag == "field" and child.get("name") and child.get("name") not in readable:
                    remove_node(child)
                    continue
                if child.tag == "button" and child.get("type") == "action":
                    _resolve_action_button(self.env, child)
                stack.append(child)
        fields = used.setdefault(model, {})
        for name, entry in found.items():
            if name not in readable:
                continue
            fields[name] = readable[name]
            for sub in entry.get("views", {}).values():
                self._clean_level(sub["arch"], readable[name].get("relation", ""), used)

    def _toolbar(self, view_type: str) -> dict[str, list[dict[str, Any]]]:
        """The actions and reports bound to this model, offered in views of ``view_type``."""
        if "ir.actions.actions" not in self.env.registry:
            return {"action": [], "print": []}
        bindings = self.env["ir.actions.actions"].with_env(self.env(su=False))._get_bindings(self._name)
        return {key: [action for action in actions if view_type in _view_types(action.get("binding_view_types"))]
                for key, actions in bindings.items()}

    def _saved_filters(self, action_id: Any) -> list[dict[str, Any]]:
        """The user's saved filters for this model and action (``ir.filters``, when an addon provides it)."""
        if "ir.filters" not in self.env.registry:
            return []
        return self.env["ir.filters"].get_filters(self._name, action_id)


def _view_types(text: Any) -> set[str]:
    items = [item.strip() for item in str(text or "list,form").split(",") if item.strip()]
    return {VIEW_TYPE_ALIASES.get(item, item) for item in items if VIEW_TYPE_ALIASES.get(item, item) in VIEW_TYPES}


def _resolve_action_button(env: Any, button: etree._Element) -> None:
    """``name="%(base.action_x)d"`` becomes the action's id, as clients expect a number."""
    match = _ACTION_REF.match(button.get("name") or "")
    if match:
        from nexa.views.catalog import resolve_action

        action = resolve_action(env, match.group("xmlid"))
        if action is not None:
            button.set("name", str(action.id))


def _mark_onchange(env: Any, arch: etree._Element, model: str, shown: Used) -> None:
    """Set ``on_change="1"`` on the ``<field>`` nodes of ``arch`` (sub-views too) whose change changes others.

    That is: the field has ``@api.onchange`` methods, or a computed field shown anywhere in
    the view (``shown``: the fields of every level) depends on it, directly or through other
    computed fields (``quantity`` -> line ``subtotal`` -> order ``total``).
    """
    registry = env.registry
    visible = {(name_of_model, name) for name_of_model, fields in shown.items() for name in fields}

    def changes_others(model_name: str, name: str) -> bool:
        if name in getattr(registry[model_name], "_onchange_methods", {}):
            return True
        seen: set[tuple[str, str]] = set()
        queue = [(model_name, name)]
        while queue:
            for trigger in registry.dependents.get(queue.pop(), ()):
                target = (trigger.target.model_name, trigger.target.name)
                if target in visible:
                    return True
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        return False

    found = fields_in_arch(arch)
    subviews = {id(sub["arch"]): (name, sub["arch"]) for name, entry in found.items()
                for sub in entry.get("views", {}).values()}
    stack = [arch]
    while stack:
        for child in stack.pop():
            if not isinstance(child.tag, str):
                continue
            if id(child) in subviews:
                name, sub_arch = subviews[id(child)]
                relation = shown.get(model, {}).get(name, {}).get("relation")
                if relation in registry:
                    _mark_onchange(env, sub_arch, relation, shown)
                continue
            name = child.get("name")
            if child.tag == "field" and name in shown.get(model, {}) and changes_others(model, name):
                child.set("on_change", "1")
            stack.append(child)


def _nested_fields(arch: etree._Element, model: str, used: Used) -> dict[str, Any]:
    """The fields of ``arch`` with their sub-views nested under them (fields_view_get's ``fields``)."""
    fields = used.get(model, {})
    result: dict[str, Any] = {}
    for name, entry in fields_in_arch(arch).items():
        if name not in fields:
            continue
        description = dict(fields[name])
        if entry.get("views"):
            comodel = description.get("relation", "")
            description["views"] = {kind: {"arch": etree.tostring(sub["arch"], encoding="unicode"),
                                           "fields": _nested_fields(sub["arch"], comodel, used)}
                                    for kind, sub in entry["views"].items()}
        result[name] = description
    return result
