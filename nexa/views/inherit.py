"""View inheritance: apply an inheriting view's specs to its parent's arch.

An inheriting view does not repeat its parent; it holds *specs*, each naming a
node of the parent and what to do there::

    <data>
        <xpath expr="//field[@name='partner_id']" position="after">
            <field name="partner_ref"/>
        </xpath>
        <field name="note" position="replace"/>              <!-- shorthand -->
        <group name="totals" position="attributes">
            <attribute name="class" add="o_wide" separator=" "/>
        </group>
    </data>

Positions: ``inside`` (default), ``before``, ``after``, ``replace`` (``$0``
inside the new content stands for the replaced node; ``mode="inner"`` replaces
only the content), ``attributes`` and ``move`` (a child
``<xpath expr=... position="move"/>`` of another spec moves that node to the
outer spec's place).

:func:`apply_inheritance` is pure: it returns a new tree and never changes its
arguments. A spec that cannot be applied (target gone, bad expression, unknown
position) does not stop the others: every problem of the inheriting view is
collected and raised at once in :class:`~nexa.problems.ProblemsFound`, each
naming both views, the expression and, for a target that matched nothing, the
nearest node of the parent arch (so a renamed field is one glance away).
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterator

from lxml import etree

from nexa.exceptions import did_you_mean
from nexa.problems import Problem, raise_if_any
from nexa.views.arch import VIEW_TYPE_ALIASES, describe, locate, remove_node

POSITIONS = ("inside", "before", "after", "replace", "attributes", "move")
#: Attributes of a shorthand spec that say what to do, not which node to find.
_OPTIONS = ("position", "version", "mode")
_QUOTED = re.compile(r"('[^']*'|\"[^\"]*\")")
_TREE_STEP = re.compile(r"(?<![@\w.$-])tree(?![\w.-])")
_NAME_TEST = re.compile(r"@name\s*=\s*['\"]([^'\"]*)['\"]")


class _SpecProblem(Exception):
    """Stops one spec; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def apply_inheritance(base: etree._Element, spec: etree._Element, *, base_name: str, spec_name: str) -> etree._Element:
    """Return a copy of ``base`` with every spec of ``spec`` applied (``spec`` is ``<data>`` or one spec).

    Raises :class:`~nexa.problems.ProblemsFound` listing every spec that could not
    be applied; ``base_name`` and ``spec_name`` describe the two views in messages
    (e.g. ``"addon sale, file views/sale.xml, view sale.order_form"``).
    """
    inheritance = _Inheritance(base_name, spec_name)
    root = copy.deepcopy(base)
    for item in _specs(copy.deepcopy(spec)):
        try:
            root = inheritance.apply(root, item)
        except _SpecProblem as stop:
            inheritance.problems.append(stop.problem)
    raise_if_any(inheritance.problems, title=f"View {spec_name} cannot be applied to {base_name}")
    return root


def _specs(spec: etree._Element) -> Iterator[etree._Element]:
    if spec.tag == "data":
        for child in spec:
            yield from _specs(child)
    elif isinstance(spec.tag, str):  # comments and processing instructions are not specs
        yield spec


def _label(spec: etree._Element) -> str:
    """How a spec is shown in messages: ``<xpath expr="...">`` or ``<field name="x">``."""
    if spec.tag == "xpath":
        return f'<xpath expr="{spec.get("expr", "")}">'
    attributes = "".join(f' {key}="{value}"' for key, value in spec.attrib.items() if key not in _OPTIONS)
    return f"<{spec.tag}{attributes}>"


def _compat_expr(expr: str) -> str:
    """Rewrite ``tree`` steps of an XPath to ``list`` (archs are parsed with ``<tree>`` renamed)."""
    parts = _QUOTED.split(expr)
    return "".join(part if index % 2 else _TREE_STEP.sub("list", part) for index, part in enumerate(parts))


class _Inheritance:
    """Applies the specs of one inheriting view, collecting problems."""

    def __init__(self, base_name: str, spec_name: str) -> None:
        self.base_name = base_name
        self.spec_name = spec_name
        self.problems: list[Problem] = []

    def problem(self, code: str, spec: etree._Element, message: str, hint: str = "") -> _SpecProblem:
        return _SpecProblem(Problem(f"views.{code}", message, obj=locate(self.spec_name, spec.sourceline), hint=hint))

    # -- locating -------------------------------------------------------------------------------------------

    def locate(self, root: etree._Element, spec: etree._Element) -> etree._Element:
        """The node ``spec`` designates in ``root``; a problem naming the nearest node when none."""
        if spec.tag == "xpath":
            expr = spec.get("expr")
            if not expr:
                raise self.problem("E011", spec, "<xpath> without an expr attribute", 'add expr="//..."')
            try:
                found = root.xpath(_compat_expr(expr))
            except etree.XPathError as error:
                raise self.problem("E011", spec, f"invalid XPath expression {expr!r}: {error}") from None
            if not isinstance(found, list):
                raise self.problem("E011", spec, f"XPath expression {expr!r} does not select nodes")
            nodes = [node for node in found if isinstance(node, etree._Element)]
            if nodes:
                return nodes[0]
            tag, name = _target_of(expr)
        else:
            tag = VIEW_TYPE_ALIASES.get(spec.tag, spec.tag)
            wanted = {key: value for key, value in spec.attrib.items() if key not in _OPTIONS}
            for node in root.iter(tag):
                if all(node.get(key) == value for key, value in wanted.items()):
                    return node
            name = wanted.get("name")
        raise self.not_found(root, spec, tag, name)

    def not_found(self, root: etree._Element, spec: etree._Element, tag: str | None, name: str | None) -> _SpecProblem:
        nearest = _nearest(root, tag, name)
        message = f"{_label(spec)} matches nothing in {self.base_name}"
        if nearest is None:
            return self.problem("E010", spec, message, f"check the expression against {self.base_name}")
        message += f"; nearest node: {describe(nearest)}" + (
            f" at line {nearest.sourceline}" if nearest.sourceline else ""
        )
        suggestion = f"//{nearest.tag}" + (f"[@name='{nearest.get('name')}']" if nearest.get("name") else "")
        return self.problem("E010", spec, message, f"did you mean {suggestion}?")

    # -- applying -------------------------------------------------------------------------------------------

    def apply(self, root: etree._Element, spec: etree._Element) -> etree._Element:
        position = spec.get("position", "inside")
        if position not in POSITIONS:
            hint = did_you_mean(position, POSITIONS, bare=True, otherwise=f"use one of {', '.join(POSITIONS)}")
            raise self.problem("E012", spec, f"{_label(spec)} has unknown position {position!r}", hint)
        if position == "move":
            raise self.problem(
                "E014",
                spec,
                f"{_label(spec)}: position 'move' is only valid inside another spec",
                "wrap it in the spec that says where the node goes",
            )
        node = self.locate(root, spec)
        if position == "attributes":
            self.set_attributes(node, spec)
            return root
        if position == "replace":
            return self.replace(root, node, spec)
        if position in ("before", "after") and node.getparent() is None:
            raise self.problem("E016", spec, f"{_label(spec)}: cannot insert {position} the root node")
        content = self.content(root, spec, node)
        if position == "inside":
            _append_text(node, spec.text)
            node.extend(content)
        elif position == "before":
            _add_text_before(node, spec.text)
            for child in content:
                node.addprevious(child)
        else:
            parent, tail = node.getparent(), node.tail
            node.tail = spec.text if spec.text and spec.text.strip() else None
            index = parent.index(node)
            for offset, child in enumerate(content, start=1):
                parent.insert(index + offset, child)
            last = content[-1] if content else node
            last.tail = ((last.tail or "") + (tail or "")) or None
        return root

    def content(self, root: etree._Element, spec: etree._Element, target: etree._Element) -> list:
        """The children of ``spec``, with ``position="move"`` locators replaced by the nodes they move."""
        content = []
        for child in list(spec):
            if child.get("position") != "move":
                content.append(child)
                continue
            moved = self.locate(root, child)
            if moved is target or any(ancestor is moved for ancestor in target.iterancestors()):
                raise self.problem("E014", child, f"{_label(child)}: cannot move a node into itself")
            remove_node(moved)
            moved.tail = None
            content.append(moved)
        return content

    def replace(self, root: etree._Element, node: etree._Element, spec: etree._Element) -> etree._Element:
        if spec.get("mode", "outer") == "inner":
            for child in list(node):
                node.remove(child)
            node.text = spec.text
            node.extend(self.content(root, spec, node))
            return root
        for placeholder in [element for element in spec.iter() if element is not spec]:
            if (placeholder.text or "").strip() == "$0":
                original = copy.deepcopy(node)
                original.tail = None
                placeholder.text = None
                placeholder.append(original)
        if node.getparent() is None:
            elements = [child for child in spec if isinstance(child.tag, str)]
            if len(elements) != 1:
                raise self.problem(
                    "E015",
                    spec,
                    f"{_label(spec)}: replacing the root node needs exactly one element, got {len(elements)}",
                )
            return elements[0]
        content = self.content(root, spec, node)
        _add_text_before(node, spec.text)
        for child in content:
            node.addprevious(child)
        remove_node(node)
        return root

    def set_attributes(self, node: etree._Element, spec: etree._Element) -> None:
        for child in spec:
            name = child.get("name")
            if child.tag != "attribute" or not name:
                raise self.problem(
                    "E013",
                    child,
                    f"{_label(spec)}: position 'attributes' only holds "
                    f'<attribute name="..."> elements, got {describe(child)}',
                )
            if child.get("add") is None and child.get("remove") is None:
                value = (child.text or "").strip()
            elif (child.text or "").strip():
                raise self.problem(
                    "E013",
                    child,
                    f'<attribute name="{name}"> has both a value and add/remove',
                    "use either the text value or add/remove",
                )
            else:
                value = _edit_list(node.get(name, ""), child)
            if value:
                node.set(name, value)
            elif name in node.attrib:
                del node.attrib[name]


def _edit_list(current: str, spec: etree._Element) -> str:
    """Apply ``add``/``remove`` to a list of values (``separator``, default ``,``; blank = any blanks)."""
    separator = spec.get("separator", ",")
    split_on = None if separator.strip() == "" else separator
    to_remove = {item.strip() for item in spec.get("remove", "").split(split_on)}
    items = [item.strip() for item in current.split(split_on)]
    kept = [item for item in items if item and item not in to_remove]
    added = [item.strip() for item in spec.get("add", "").split(split_on) if item.strip()]
    joiner = " " if split_on is None else separator
    return joiner.join(kept + [item for item in added if item not in kept])


def _append_text(node: etree._Element, text: str | None) -> None:
    if not text or not text.strip():
        return
    if len(node):
        node[-1].tail = (node[-1].tail or "") + text
    else:
        node.text = (node.text or "") + text


def _add_text_before(node: etree._Element, text: str | None) -> None:
    if not text or not text.strip():
        return
    previous, parent = node.getprevious(), node.getparent()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    elif parent is not None:
        parent.text = (parent.text or "") + text


def _target_of(expr: str) -> tuple[str | None, str | None]:
    """The tag and ``@name`` of the last step of an XPath, to look for the nearest node."""
    depth, start = 0, 0
    for index, char in enumerate(expr):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "/" and depth == 0:
            start = index + 1
    step = expr[start:]
    tag = re.match(r"\s*(?:[\w-]+::)?([A-Za-z_][\w.-]*)", step)
    names = _NAME_TEST.findall(step) or _NAME_TEST.findall(expr)
    return (
        VIEW_TYPE_ALIASES.get(tag.group(1), tag.group(1)) if tag else None,
        names[-1] if names else None,
    )


def _nearest(root: etree._Element, tag: str | None, name: str | None) -> etree._Element | None:
    """The node of ``root`` closest to ``tag``/``name`` (difflib on ``tag[name]`` keys), or None."""
    keyed: dict[str, etree._Element] = {}
    for node in root.iter():
        if isinstance(node.tag, str):
            keyed.setdefault(f"{node.tag}[{node.get('name', '')}]", node)
    if not tag and not name:
        return None
    close = difflib.get_close_matches(f"{tag or ''}[{name or ''}]", keyed, n=1, cutoff=0.5)
    return keyed[close[0]] if close else None
