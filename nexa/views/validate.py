"""Load-time validation of view archs against the models they show.

A view that names a field which no longer exists, a button calling a private or
missing method, or a modifier that does not parse is found when the addon is
installed or upgraded, not when a user opens the form. :func:`validate_view`
returns every problem of one view (an empty list when it is fine); the loader
concatenates the lists of all the views of an upgrade and raises once
(:func:`nexa.problems.raise_if_any`), so one run shows everything to fix.

The models are seen through :class:`ModelCatalog`, a small protocol the registry
implements; tests implement it with a dict. Nothing here touches a database.
Every :class:`~nexa.problems.Problem` names the source and the arch line in
``obj`` (``"addon sale, file views/sale.xml:12, view sale.order_form"``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from lxml import etree

from nexa.exceptions import did_you_mean
from nexa.problems import Problem
from nexa.views.arch import FIELD_ATTRIBUTES, MODIFIERS, VIEW_TYPES, describe, locate
from nexa.views.expression import BUILTIN_NAMES, ExpressionError, names, parse_expression
from nexa.views.postprocess import group_by_fields

#: Field types that may hold sub-views (``<field name="line_ids"><list>...</list></field>``).
X2MANY_TYPES = ("one2many", "many2many")
_GROUP_XMLID = re.compile(r"^!?[A-Za-z_]\w*\.[A-Za-z_]\w*$")
_ACTION_REF = re.compile(r"^%\((?P<xmlid>[\w.]+)\)d$")


class ModelCatalog(Protocol):
    """What validation needs to know about the models (the registry implements it)."""

    def fields(self, model: str) -> Mapping[str, Mapping[str, Any]] | None:
        """``fields_get``-style metadata (``type``, ``relation``, ``string``...); None: no such model."""

    def has_public_method(self, model: str, name: str) -> bool:
        """Whether ``model`` has a public method ``name`` a button may call."""

    def action_exists(self, ref: str) -> bool:
        """Whether an action with this xmlid (or database id, as digits) exists."""


@dataclass(frozen=True)
class _Scope:
    """The model a part of the arch shows; sub-views of x2many fields have their comodel's scope."""

    model: str
    fields: Mapping[str, Mapping[str, Any]] | None  # None: unknown model, field names are not checked
    parent: _Scope | None = None


def validate_view(arch: etree._Element, *, model: str, catalog: ModelCatalog, source: str) -> list[Problem]:
    """Every problem of one view's (combined) arch; an empty list when it is valid.

    Checks field names (also in x2many sub-views, against the comodel), buttons
    (``type="object"``: a public method; ``type="action"``: an existing action),
    modifiers (they parse and read only known names), ``groups`` (xmlids) and
    the legacy ``attrs``/``states`` attributes.
    """
    validator = _Validator(catalog, source, {node.get("id") for node in arch.iter() if node.get("id")})
    if arch.tag not in VIEW_TYPES:
        hint = did_you_mean(arch.tag, VIEW_TYPES, bare=True, list_known=12)
        validator.add("E020", arch, f"unknown view type <{arch.tag}>", hint)
    fields = catalog.fields(model)
    if fields is None:
        validator.add("E021", arch, f"model {model!r} does not exist", "check the view's model attribute")
    scope = _Scope(model, fields)
    for attribute in FIELD_ATTRIBUTES.get(str(arch.tag), ()):
        if arch.get(attribute):
            validator.field_name(arch, arch.get(attribute), scope, what=f"{attribute}={arch.get(attribute)!r}")
    validator.walk(arch, scope)
    return validator.problems


class _Validator:
    """Walks one arch, collecting problems."""

    def __init__(self, catalog: ModelCatalog, source: str, ids: set[str]) -> None:
        self.catalog = catalog
        self.source = source
        self.ids = ids
        self.problems: list[Problem] = []
        self.handlers = {
            "field": self.tag_field,
            "button": self.tag_button,
            "label": self.tag_label,
            "filter": self.tag_filter,
        }

    def add(self, code: str, node: etree._Element, message: str, hint: str = "") -> None:
        self.problems.append(Problem(f"views.{code}", message, obj=locate(self.source, node.sourceline), hint=hint))

    def walk(self, node: etree._Element, scope: _Scope) -> None:
        if not isinstance(node.tag, str):
            return
        self.modifiers(node, scope)
        self.groups(node)
        for legacy in ("attrs", "states"):
            if node.get(legacy) is not None:
                self.add(
                    "E030",
                    node,
                    f"{describe(node)} uses the removed {legacy!r} attribute",
                    "write the condition in invisible/readonly/required, e.g. invisible=\"state != 'draft'\"",
                )
        handler = self.handlers.get(node.tag)
        if handler is not None and handler(node, scope):
            return
        for child in node:
            self.walk(child, scope)

    # -- one method per tag that needs more than the generic checks; True = children handled -------------

    def tag_field(self, node: etree._Element, scope: _Scope) -> bool:
        name = node.get("name")
        if not name:
            self.add("E022", node, "<field> without a name attribute", 'add name="<field name>"')
            return False
        meta = self.field_name(node, name, scope, what=f"field {name!r}")
        for child in node:
            if isinstance(child.tag, str) and child.tag in VIEW_TYPES:
                self.walk(child, self.subview_scope(child, name, meta, scope))
            else:
                self.walk(child, scope)
        return True

    def subview_scope(
        self, subview: etree._Element, name: str, meta: Mapping[str, Any] | None, scope: _Scope
    ) -> _Scope:
        if meta is None:  # unknown field or model: already reported
            return _Scope("", None, scope)
        if meta.get("type") not in X2MANY_TYPES or not meta.get("relation"):
            self.add(
                "E024",
                subview,
                f"sub-view <{subview.tag}> inside field {name!r} of model {scope.model!r}, "
                f"which is a {meta.get('type')} field, not a one2many or many2many",
                "remove the sub-view",
            )
            return _Scope("", None, scope)
        comodel = meta["relation"]
        fields = self.catalog.fields(comodel)
        if fields is None:
            self.add(
                "E021",
                subview,
                f"field {name!r} of model {scope.model!r} relates to unknown model {comodel!r}",
            )
        return _Scope(comodel, fields, scope)

    def tag_button(self, node: etree._Element, scope: _Scope) -> bool:
        kind, name = node.get("type"), node.get("name")
        if kind not in ("object", "action"):
            return False
        if not name:
            self.add(
                "E032",
                node,
                f'<button type="{kind}"> without a name attribute',
                "name the method (type object) or the action (type action) to run",
            )
        elif kind == "object" and name.startswith("_"):
            self.add(
                "E025",
                node,
                f"button calls private method {name!r} of model {scope.model!r}",
                "only public methods (no leading underscore) may be called from a view",
            )
        elif kind == "object" and scope.fields is not None and not self.catalog.has_public_method(scope.model, name):
            self.add(
                "E025",
                node,
                f"button calls {name!r}, which is not a public method of model {scope.model!r}",
                f"define {name}() on {scope.model} or fix the button's name",
            )
        elif kind == "action":
            match = _ACTION_REF.match(name)
            ref = match.group("xmlid") if match else name
            if not self.catalog.action_exists(ref):
                self.add(
                    "E026",
                    node,
                    f"button runs action {ref!r}, which does not exist",
                    "check the xmlid (module.name) and that the action's file is loaded before this view",
                )
        return False

    def tag_label(self, node: etree._Element, scope: _Scope) -> bool:
        target = node.get("for")
        if target and target not in self.ids and scope.fields is not None and target not in scope.fields:
            self.add(
                "E031",
                node,
                f"<label for={target!r}> names neither a field of model {scope.model!r} nor an id in this view",
                did_you_mean(target, scope.fields, bare=True, list_known=12),
            )
        return False

    def tag_filter(self, node: etree._Element, scope: _Scope) -> bool:
        names_used = [(name, "group_by") for name in group_by_fields(node.get("context", ""))]
        if node.get("date"):
            names_used.append((node.get("date"), "date"))
        for name, what in names_used:
            self.field_name(node, name, scope, what=f"filter {what} {name!r}")
        return False

    # -- the generic checks ---------------------------------------------------------------------------------

    def field_name(self, node: etree._Element, name: str, scope: _Scope, *, what: str) -> Mapping[str, Any] | None:
        """The metadata of field ``name`` of the scope's model; a problem (and None) when unknown."""
        if scope.fields is None:
            return None
        if name in scope.fields:
            return scope.fields[name]
        self.add(
            "E023",
            node,
            f"{what} does not exist on model {scope.model!r}",
            did_you_mean(name, scope.fields, bare=True, list_known=12),
        )
        return None

    def modifiers(self, node: etree._Element, scope: _Scope) -> None:
        for attribute in MODIFIERS:
            text = node.get(attribute)
            if text is None:
                continue
            try:
                used = names(parse_expression(text))
            except ExpressionError as error:
                self.add(
                    "E027",
                    node,
                    f"{attribute}={text!r} on {describe(node)}: {error.reason} at column {error.column}",
                    "see docs/views.md, 'The expression language'",
                )
                continue
            for name in sorted(used - BUILTIN_NAMES):
                self.modifier_name(node, attribute, name, scope)

    def modifier_name(self, node: etree._Element, attribute: str, name: str, scope: _Scope) -> None:
        where = f"{attribute} on {describe(node)}"
        if name.startswith("parent."):
            field = name.removeprefix("parent.")
            if scope.parent is None:
                self.add(
                    "E028",
                    node,
                    f"{where} reads {name!r} outside a sub-view",
                    "parent.<field> is only available in the sub-view of an x2many field",
                )
            elif scope.parent.fields is not None and field not in scope.parent.fields:
                self.add(
                    "E028",
                    node,
                    f"{where} reads {name!r}, but model {scope.parent.model!r} has no field {field!r}",
                    did_you_mean(field, scope.parent.fields, bare=True, list_known=12),
                )
        elif scope.fields is not None and name not in scope.fields:
            self.add(
                "E028",
                node,
                f"{where} reads {name!r}, which is neither a field of model {scope.model!r} "
                f"nor one of {', '.join(sorted(BUILTIN_NAMES))}",
                did_you_mean(name, [*scope.fields, *BUILTIN_NAMES], bare=True, list_known=12),
            )

    def groups(self, node: etree._Element) -> None:
        value = node.get("groups")
        if value is None:
            return
        for item in value.split(","):
            if not _GROUP_XMLID.match(item.strip()):
                self.add(
                    "E029",
                    node,
                    f"groups={value!r} on {describe(node)}: {item.strip()!r} is not a group xmlid",
                    "write module.group_name, or !module.group_name to exclude a group",
                )
