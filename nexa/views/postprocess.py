"""What ``get_views`` does to a combined arch before a client sees it.

The combined arch (base view plus every inheriting view) is the same for every
user; what one user receives is not: nodes restricted to groups the user lacks
are removed (:func:`strip_groups`), and the client is told which fields the arch
reads (:func:`fields_in_arch`, with the sub-views of x2many fields), the
modifiers of each field (:func:`field_modifiers`) and, for search views, the
filters it offers (:func:`search_filters`). All of it is pure: the caller
provides ``has_group`` and gets new trees or plain data back.
"""

from __future__ import annotations

import ast
import copy
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from nexa.views.arch import FIELD_ATTRIBUTES, MODIFIERS, VIEW_TYPES, remove_node
from nexa.views.expression import BUILTIN_NAMES, names

#: Names a modifier reads that are never fields (``company_id`` may be: the record's own field wins).
_NOT_FIELDS = BUILTIN_NAMES - {"company_id"}
_GROUP_BY = re.compile(r"""['"]group_by['"]\s*:\s*['"]([\w.:]+)['"]""")


def user_in_groups(groups: str, has_group: Callable[[str], bool]) -> bool:
    """Whether a user passes a ``groups`` attribute: ``"a,b"`` = any of them, ``"!x"`` = not in x.

    As in Odoo, a group the user must not have wins; without positive groups
    (``"!x"`` alone) everyone else passes.
    """
    items = [item.strip() for item in groups.split(",") if item.strip()]
    if any(item.startswith("!") and has_group(item[1:].strip()) for item in items):
        return False
    wanted = [item for item in items if not item.startswith("!")]
    return not wanted or any(has_group(item) for item in wanted)


def strip_groups(arch: etree._Element, has_group: Callable[[str], bool]) -> etree._Element:
    """A copy of ``arch`` without the nodes whose ``groups`` the user fails; kept nodes lose the attribute.

    The root is always kept (a view restricted as a whole is a matter of access
    rights, not of arch editing).
    """
    result = copy.deepcopy(arch)
    result.attrib.pop("groups", None)
    stack = [result]
    while stack:
        for child in list(stack.pop()):
            if not isinstance(child.tag, str):
                continue
            groups = child.attrib.pop("groups", None)
            if groups is not None and not user_in_groups(groups, has_group):
                remove_node(child)
            else:
                stack.append(child)
    return result


def fields_in_arch(arch: etree._Element) -> dict[str, dict[str, Any]]:
    """The fields an arch reads, outside its sub-views: ``{name: {}}`` or ``{name: {"views": {...}}}``.

    Counted: ``<field name>`` nodes, field names of root attributes
    (``date_start`` of a calendar...) and the names read by modifiers, which the
    client needs to evaluate them (``company_id`` too, a field of many models: the
    caller keeps only the model's fields). An x2many field with sub-views gets
    ``{"views": {"list": {"arch": <element>, "fields": {...}}}}``, the same
    structure one level down; ``arch`` is the sub-view element itself.
    """
    found: dict[str, dict[str, Any]] = {}
    for attribute in FIELD_ATTRIBUTES.get(str(arch.tag), ()):
        if arch.get(attribute):
            found.setdefault(arch.get(attribute), {})
    for node in _level(arch):
        for expression in _modifiers_of(node).values():
            for name in sorted(names(expression) - _NOT_FIELDS):
                if not name.startswith("parent."):
                    found.setdefault(name, {})
        if node.tag != "field" or not node.get("name"):
            continue
        entry = found.setdefault(node.get("name"), {})
        for subview in _subviews(node):
            views = entry.setdefault("views", {})
            views[subview.tag] = {"arch": subview, "fields": fields_in_arch(subview)}
    return found


def field_modifiers(arch: etree._Element) -> dict[str, list[dict[str, str]]]:
    """The modifiers of each ``<field>`` outside sub-views, one dict per occurrence of the field.

    ``{"state": [{"readonly": "True"}], "note": [{"invisible": "not partner_id"}, {}]}``:
    a field shown twice has two entries, in document order.
    """
    found: dict[str, list[dict[str, str]]] = {}
    for node in _level(arch):
        if node.tag == "field" and node.get("name"):
            found.setdefault(node.get("name"), []).append(_modifiers_of(node))
    return found


def search_filters(arch: etree._Element) -> list[dict[str, Any]]:
    """The ``<filter>`` nodes of a search view, in order, as data.

    Each: ``name``, ``string``, ``domain``, ``context`` (texts), ``group_by``
    (field names, ``"date:month"`` reduced to ``"date"``), ``date`` (the field of
    a date filter), ``group`` (filters with the same number are OR-ed; a
    ``<separator/>`` or a ``<group>`` starts a new number) and ``line``.
    """
    filters: list[dict[str, Any]] = []
    group = 0

    def visit(node: etree._Element) -> None:
        nonlocal group
        for child in node:
            if child.tag == "separator":
                group += 1
            elif child.tag == "group":
                group += 1
                visit(child)
                group += 1
            elif child.tag == "filter":
                filters.append(
                    {
                        "name": child.get("name"),
                        "string": child.get("string", child.get("name", "")),
                        "domain": child.get("domain", "[]"),
                        "context": child.get("context", "{}"),
                        "group_by": group_by_fields(child.get("context", "")),
                        "date": child.get("date"),
                        "group": group,
                        "line": child.sourceline,
                    }
                )
            elif isinstance(child.tag, str):
                visit(child)

    visit(arch)
    return filters


def group_by_fields(context: str) -> list[str]:
    """The fields a filter's ``context`` groups by: ``"{'group_by': 'date:month'}"`` -> ``["date"]``."""
    try:
        value = ast.literal_eval(context.strip()) if context.strip() else {}
    except (ValueError, SyntaxError):  # the context reads names (uid...): fall back to a pattern
        return [name.split(":")[0] for name in _GROUP_BY.findall(context)]
    group_by = value.get("group_by") if isinstance(value, dict) else None
    if isinstance(group_by, str):
        group_by = [group_by]
    if not isinstance(group_by, list | tuple):
        return []
    return [str(name).split(":")[0] for name in group_by if name]


def _modifiers_of(node: etree._Element) -> dict[str, str]:
    return {attribute: node.get(attribute) for attribute in MODIFIERS if node.get(attribute) is not None}


def _subviews(node: etree._Element) -> list[etree._Element]:
    return [child for child in node if isinstance(child.tag, str) and child.tag in VIEW_TYPES]


def _level(arch: etree._Element) -> list[etree._Element]:
    """The nodes of ``arch`` (root included), in document order, without descending into sub-views."""
    nodes: list[etree._Element] = []
    stack = [arch]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        nodes.append(node)
        children = list(node)
        if node.tag == "field":
            children = [child for child in children if child not in _subviews(node)]
        stack.extend(reversed(children))
    return nodes
