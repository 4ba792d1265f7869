"""ir.ui.view: the views of the web client, stored as XML archs, combined by inheritance.

The pure work (parsing, applying specs, validating, per-user post-processing)
is done by :mod:`nexa.views`; this model stores the views, gathers the ones to
combine (:class:`nexa.views.combine.ViewTree`) and decides when to validate:

* inside an install or upgrade, the views created or changed are remembered and
  validated together once all data is loaded (``ir.module.module``'s
  ``_check_after_load``), every problem of every view in one
  :class:`~nexa.problems.ProblemsFound`, so the operation rolls back whole;
  problems name the addon, the file and line, and the view's external id;
* anywhere else (a view created or edited over RPC), the change is validated at
  once and refused with a :class:`~nexa.exceptions.ValidationError`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree
from sqlalchemy import select

from nexa.exceptions import ValidationError
from nexa.orm import Model, api, fields
from nexa.problems import Problem, ProblemsFound, raise_if_any
from nexa.views.arch import VIEW_TYPE_ALIASES, VIEW_TYPES, ViewError, locate, parse_arch
from nexa.views.catalog import ModelCatalog
from nexa.views.combine import ViewSource, ViewTree, combine_or_raise, validate_tree
from nexa.views.defaults import default_arch

#: transaction.data keys: the addons of the install/upgrade running, and the views it created or changed.
LOADING = "ir.ui.view.loading"
CHANGED = "ir.ui.view.changed"
#: Fields whose change means the views must be validated again.
CHECKED_FIELDS = frozenset({"arch", "inherit_id", "model", "mode", "type", "active"})


class View(Model):
    """A view (see the module docstring)."""

    _name = "ir.ui.view"
    _description = "View"
    _order = "priority, name, id"

    name = fields.Char("View Name", required=True)
    model = fields.Char(index=True, help="The model the view shows (an extension takes its parent's)")
    type = fields.Selection([(kind, kind.title()) for kind in VIEW_TYPES], "View Type",
                            help="Given by the arch's root tag ('tree' is read as 'list')")
    arch = fields.Text("View Architecture", required=True)
    priority = fields.Integer(default=16, required=True, help="The lowest priority is the default view")
    inherit_id = fields.Many2one("ir.ui.view", "Inherited View", ondelete="restrict", index=True)
    inherit_children_ids = fields.One2many("ir.ui.view", "inherit_id", "Views Inheriting This One")
    mode = fields.Selection([("primary", "Base view"), ("extension", "Extension View")], "View Inheritance Mode",
                            required=True, default="primary",
                            help="An extension changes its parent; a primary view inheriting another is a new view "
                                 "built from it")
    groups_id = fields.Many2many("res.groups", "ir_ui_view_group_rel", "view_id", "group_id", "Groups",
                                 help="Only these groups get the view (an extension: only they see its changes)")
    active = fields.Boolean(default=True)

    # -- create / write / unlink ----------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list: dict | list[dict]) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, Mapping) else list(vals_list)
        views = super().create([self._complete_values(dict(values)) for values in vals_list])
        views._changed()
        return views

    def write(self, values: dict) -> bool:
        values = dict(values)
        if values.get("type"):
            values["type"] = VIEW_TYPE_ALIASES.get(values["type"], values["type"])
        result = super().write(values)
        if CHECKED_FIELDS & set(values):
            self._changed()
        return result

    def unlink(self) -> bool:
        """Delete views, the inheriting ones first; refused while views outside the set inherit from them."""
        remaining = self.with_context(active_test=False).exists()
        children = self.sudo().with_context(active_test=False).search(
            [("inherit_id", "in", list(remaining._ids)), ("id", "not in", list(remaining._ids))])
        if children:
            names = ", ".join(f"{child.name!r} (inherits {child.inherit_id.name!r})" for child in children)
            raise ValidationError(f"Cannot delete these views: other views inherit from them: {names}; delete "
                                  "those first or point their inherit_id elsewhere", model=self._name,
                                  record_ids=list(children._ids))
        while remaining:
            parents = set(remaining.sudo().mapped("inherit_id")._ids)
            leaves = remaining.browse([i for i in remaining._ids if i not in parents]) or remaining
            super(View, leaves).unlink()
            remaining = remaining - leaves
        return True

    def _complete_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """Defaults Odoo users expect: the parent's model, extension mode, type and name from the arch."""
        parent = self.browse(values["inherit_id"]).sudo().exists() if values.get("inherit_id") else None
        if parent:
            values.setdefault("model", parent.model)
            values.setdefault("mode", "extension")
        if values.get("type"):
            values["type"] = VIEW_TYPE_ALIASES.get(values["type"], values["type"])
        elif parent and values.get("mode", "extension") == "extension":
            values["type"] = parent.type
        elif values.get("arch"):
            try:
                root = parse_arch(values["arch"]).tag
            except ViewError:  # reported by the validation with everything else
                root = None
            if root in VIEW_TYPES:
                values["type"] = root
            elif parent:
                values["type"] = parent.type
        if not values.get("name"):
            values["name"] = f"{values.get('model') or 'default'}.{values.get('type') or 'view'}"
        return values

    def _changed(self) -> None:
        """Validate now, or remember these views for the end of the install/upgrade running."""
        data = self.env.transaction.data
        if LOADING in data:
            data.setdefault(CHANGED, set()).update(self._ids)
            return
        try:
            raise_if_any(self._problems(), title="Invalid view")
        except ProblemsFound as error:
            raise ValidationError(str(error), model=self._name, record_ids=list(self._ids)) from None

    # -- gathering views --------------------------------------------------------------------------------------
    def _links(self) -> dict[int, tuple[int | None, bool, bool]]:
        """``{id: (inherit_id, primary, active)}`` of every view (one query)."""
        table = self._table_obj
        rows = self.env.transaction.execute(select(table.c.id, table.c.inherit_id, table.c.mode, table.c.active))
        return {row[0]: (row[1], row[2] != "extension", row[3] is not False) for row in rows}

    @staticmethod
    def _related(ids: Iterable[int], links: Mapping[int, tuple[int | None, bool, bool]]) -> set[int]:
        """``ids`` with their ancestors and every view inheriting from any of them, transitively."""
        children: dict[int, list[int]] = {}
        for view_id, (parent, _primary, _active) in links.items():
            if parent is not None:
                children.setdefault(parent, []).append(view_id)
        found: set[int] = set()
        stack = [view_id for view_id in ids if view_id in links]
        while stack:
            view_id = stack.pop()
            if view_id in found:
                continue
            found.add(view_id)
            parent = links[view_id][0]
            stack.extend(children.get(view_id, []) + ([parent] if parent is not None else []))
        return found

    def _sources(self, definitions: ViewDefinitions | None = None) -> tuple[list[ViewSource], list[Problem]]:
        """These views as :class:`ViewSource` (parsed, named, ranked), and the problems of unparsable archs."""
        views = self.sudo().with_context(active_test=False)
        data = self.env["ir.model.data"].sudo().search([("model", "=", self._name), ("res_id", "in", list(views._ids))])
        xmlids = {entry.res_id: (entry.module, entry.name) for entry in data}
        order = {addon: position for position, addon in enumerate(self.env.registry.load_order)}
        sources, problems = [], []
        for view in views:
            module, name = xmlids.get(view.id, (None, None))
            label = f"view {module}.{name}" if module else f"view {view.name!r} (id {view.id})"
            found = definitions.find(module, name) if definitions and module else None
            where = f"addon {module}, file {found[0]}, {label}" if found else \
                (f"addon {module}, {label}" if module else label)
            try:
                arch = _arch_of(view.arch or "", found[1] if found else None, where)
            except ViewError as error:
                problems.append(Problem("views.E001", f"the arch is not well-formed XML: {error.reason}",
                                        obj=locate(where, error.line),
                                        hint="fix the XML of the arch field"))
                arch = None
            sources.append(ViewSource(view.id, where, arch, view.inherit_id.id or None, view.mode != "extension",
                                      (order.get(module, len(order)), view.priority, view.id), view.model or ""))
        return sources, problems

    # -- validation -------------------------------------------------------------------------------------------
    def _problems(self, definitions: ViewDefinitions | None = None) -> list[Problem]:
        """Every problem of these views and of the views combined with them (active ones only)."""
        links = self._links()
        related = self._related(self._ids, links)
        active = self.browse(sorted(view_id for view_id in related if links[view_id][2]))
        sources, problems = active._sources(definitions)
        looped: set[int] = set()
        everything = ViewTree(sources)
        for source in sources:
            try:
                everything.chain(source.id)
            except ProblemsFound as error:
                looped.add(source.id)
                problems.extend(error.problems)
        tree = ViewTree([source for source in sources if source.id not in looped])
        problems.extend(_structure_problems(tree, active, links))
        catalog = ModelCatalog(self.env)
        for source in tree.views.values():
            if source.primary and source.arch is not None and (source.inherit_id is None or source.inherit_id in
                                                               tree.views):
                problems.extend(validate_tree(tree, source.id, model=source.model, catalog=catalog))
        return list(dict.fromkeys(problems))

    # -- what get_views uses ----------------------------------------------------------------------------------
    @api.model
    def _default_view(self, model: str, view_type: str) -> Any:
        """The primary view of ``view_type`` for ``model`` the user gets by default (lowest priority, then id)."""
        from nexa.security.access import user_group_ids

        groups = user_group_ids(self.env(su=False))
        candidates = self.sudo().search([("model", "=", model), ("type", "=", view_type), ("mode", "=", "primary")],
                                        order="priority, id")
        return next((view for view in candidates if not view.groups_id or groups & set(view.groups_id._ids)),
                    self.browse())

    @api.model
    def _user_arch(self, model: str, view_id: int | None, view_type: str) -> tuple[int | bool, etree._Element]:
        """``(view id or False, combined arch)`` of a view for the current user, extensions filtered by groups.

        Without ``view_id`` the default view of the type, or a generated one
        (:func:`nexa.views.defaults.default_arch`, id False) when the model has none.
        """
        from nexa.security.access import user_group_ids

        view = self.sudo().browse(int(view_id)).exists() if view_id else self._default_view(model, view_type)
        if not view:
            if view_id:
                raise ValidationError(f"View {view_id} does not exist (asked for a {view_type} view of {model})",
                                      model=self._name, value=view_id)
            target = self.env[model]
            return False, default_arch(view_type, target.sudo().fields_get(), rec_name=target._rec_name or "name")
        if view.model != model:
            raise ValidationError(f"View {view.name!r} (id {view.id}) shows model {view.model!r}, not {model!r}",
                                  model=self._name, value=view.id)
        links = self._links()
        groups = user_group_ids(self.env(su=False))
        related = self.sudo().browse(sorted(i for i in self._related([view.id], links) if links[i][2]))
        kept = related.filtered(lambda v: v.mode != "extension" or not v.groups_id or groups & set(v.groups_id._ids))
        sources, _problems = kept._sources()
        return view.id, combine_or_raise(ViewTree(sources), view.id)


def _structure_problems(tree: ViewTree, views: Any, links: Mapping[int, tuple[int | None, bool, bool]],
                        ) -> list[Problem]:
    """Problems of the links between views: archived or missing parents, extensions of another model."""
    problems = []
    for view in views:
        source = tree.views.get(view.id)
        if source is None or source.inherit_id is None:
            continue
        parent = tree.views.get(source.inherit_id)
        if parent is None:
            state = "archived" if source.inherit_id in links else "missing"
            problems.append(Problem("views.E041", f"inherits from view id {source.inherit_id}, which is {state}",
                                    obj=source.name, hint="activate the parent view or remove inherit_id"))
        elif not source.primary and parent.model != source.model:
            problems.append(Problem("views.E041", f"extends {parent.name}, a view of model {parent.model!r}, but "
                                    f"shows model {source.model!r}", obj=source.name,
                                    hint="an extension shows its parent's model: remove the model field"))
    return problems


def _arch_of(text: str, field: etree._Element | None, where: str) -> etree._Element:
    """The parsed arch; taken from the data file's ``<field name="arch">`` when that is what was stored.

    The file's own elements keep every line number right, even after start tags
    spread over several lines (which serialising the arch collapses).
    """
    if field is not None:
        elements = [child for child in field if isinstance(child.tag, str)]
        stored = "".join(etree.tostring(child, encoding="unicode") for child in field).strip()
        if len(elements) == 1 and stored == text.strip():
            arch = copy.deepcopy(elements[0])
            arch.tail = None
            for node in arch.iter(*VIEW_TYPE_ALIASES):
                node.tag = VIEW_TYPE_ALIASES[node.tag]
            return arch
        first = elements[0].sourceline if elements else field.sourceline
        return parse_arch(text, source=where, first_line=first or 1)
    return parse_arch(text, source=where)


class ViewDefinitions:
    """Where the views of the addons being installed are written: file and ``<field name="arch">`` element.

    Built from the addons the install/upgrade loads (their folders and manifests);
    each data file is parsed once, when a view of its addon needs it.
    """

    def __init__(self, addons: Mapping[str, Any]) -> None:
        self.addons = addons
        self._index: dict[str, dict[str, tuple[str, etree._Element | None]]] = {}

    def find(self, module: str, name: str) -> tuple[str, etree._Element | None] | None:
        """``(file, arch field element)`` of the view ``module.name``, or None when not found."""
        if module not in self._index:
            self._index[module] = self._scan(module)
        return self._index[module].get(f"{module}.{name}")

    def _scan(self, module: str) -> dict[str, tuple[str, etree._Element | None]]:
        info = self.addons.get(module)
        found: dict[str, tuple[str, etree._Element | None]] = {}
        if info is None:
            return found
        parser = etree.XMLParser(remove_comments=True, remove_blank_text=False, resolve_entities=False,
                                 no_network=True)
        for relative in [*info.manifest.data, *info.manifest.demo]:
            if not str(relative).lower().endswith(".xml"):
                continue
            try:
                root = etree.parse(str(info.path / relative), parser).getroot()
            except (OSError, etree.XMLSyntaxError):
                continue  # the data loader reports unreadable files
            for record in root.iter("record"):
                xmlid = record.get("id")
                if record.get("model") == "ir.ui.view" and xmlid:
                    arch = next((node for node in record.iter("field") if node.get("name") == "arch"), None)
                    found.setdefault(xmlid if "." in xmlid else f"{module}.{xmlid}", (str(relative), arch))
        return found


class ModuleViewChecks(Model):
    """Validates the views of an install or upgrade once all its data is loaded."""

    _inherit = "ir.module.module"

    @api.model
    def _update_list(self, addons: Mapping[str, Any]) -> None:
        """Called first by every install and upgrade: from now on, views are validated at the end."""
        self.env.transaction.data[LOADING] = dict(addons)
        return super()._update_list(addons)

    @api.model
    def _check_after_load(self) -> None:
        """Validate together the views the operation created or changed (ProblemsFound rolls it back)."""
        check = getattr(super(), "_check_after_load", None)
        if check is not None:
            check()
        data = self.env.transaction.data
        addons = data.pop(LOADING, None) or {}
        changed = data.pop(CHANGED, set())
        views = self.env["ir.ui.view"].sudo().with_context(active_test=False).browse(sorted(changed)).exists()
        if views:
            problems = views._problems(ViewDefinitions(addons))
            raise_if_any(problems, title="Invalid views: the install or upgrade is rolled back")
