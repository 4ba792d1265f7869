"""View architectures ("archs"): parsing, view types, and the node surgery the other steps share.

An arch is the XML tree of one view (``<form>``, ``<list>``...). Everything in
:mod:`nexa.views` works on lxml elements parsed here, so that every later error
can point at a line: :func:`parse_arch` keeps line numbers (shifted by
``first_line`` when the arch is cut out of a larger data file) and refuses
malformed XML with a :class:`ViewError` naming the source and the line.

``<tree>`` is accepted as an alias of ``<list>`` (Odoo's older name) and renamed
on parsing, so nothing downstream ever sees it.
"""

from __future__ import annotations

import re

from lxml import etree

from nexa.exceptions import ValidationError, did_you_mean

#: The view types an ``ir.ui.view`` may hold (the root tag of its arch).
VIEW_TYPES = ("list", "form", "search", "kanban", "calendar", "pivot", "graph")
#: Older names still accepted, and what they mean now.
VIEW_TYPE_ALIASES = {"tree": "list"}
#: Attributes holding a modifier expression (see :mod:`nexa.views.expression`).
MODIFIERS = ("invisible", "readonly", "required", "column_invisible")
#: Root attributes that name fields, per view type.
FIELD_ATTRIBUTES = {
    "calendar": ("date_start", "date_stop", "date_delay", "color", "all_day"),
    "kanban": ("default_group_by",),
    "list": ("default_group_by",),
}
#: Attributes that identify a node in messages, most telling first.
_IDENTIFYING = ("name", "id", "string", "for", "class")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_FILE = re.compile(r"(\bfile [^,:]+)")


class ViewError(ValidationError):
    """A view cannot be read or built; the message names its source and line."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        location = locate(source, line)
        super().__init__(f"{location}: {message}" if location else message, value=source or None)
        self.reason = message
        self.source = source
        self.line = line


def locate(source: str, line: int | None) -> str:
    """Add a line number to a source description, after the file name when there is one.

    ``locate("addon sale, file views/x.xml, view sale.form", 12)`` gives
    ``"addon sale, file views/x.xml:12, view sale.form"``; without a file part the
    line is appended (``"view sale.form, line 12"``).
    """
    if not line:
        return source
    if _FILE.search(source):
        return _FILE.sub(lambda match: f"{match.group(1)}:{line}", source, count=1)
    return f"{source}, line {line}" if source else f"line {line}"


def parse_arch(text: str, *, source: str = "", first_line: int = 1) -> etree._Element:
    """Parse an arch, keeping line numbers; ``<tree>`` elements become ``<list>``.

    ``first_line`` is the line of the arch's first character in its file, so that
    line numbers of an arch taken out of a data file point into that file.
    Comments and processing instructions are dropped, entities are not resolved
    and nothing is fetched from the network.
    """
    declaration = _DECLARATION.match(text)
    if declaration:  # lxml refuses str input with an encoding declaration; keep its line count
        text = "\n" * declaration.group().count("\n") + text[declaration.end() :]
    parser = etree.XMLParser(
        encoding="utf-8",
        remove_blank_text=True,
        remove_comments=True,
        remove_pis=True,
        resolve_entities=False,
        no_network=True,
    )
    try:
        root = etree.fromstring(("\n" * max(first_line - 1, 0) + text).encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise ViewError(f"malformed XML: {error.msg}", source=source, line=error.lineno) from None
    for node in root.iter(*VIEW_TYPE_ALIASES):
        node.tag = VIEW_TYPE_ALIASES[node.tag]
    return root


def normalize_view_type(name: str, *, source: str = "") -> str:
    """``"tree"`` -> ``"list"``; an unknown type is a :class:`ViewError` with the closest known one."""
    name = VIEW_TYPE_ALIASES.get(name, name)
    if name not in VIEW_TYPES:
        hint = did_you_mean(name, VIEW_TYPES, bare=True)
        message = f"unknown view type {name!r} (known: {', '.join(VIEW_TYPES)})"
        raise ViewError(f"{message}; {hint}" if hint else message, source=source)
    return name


def view_type(arch: etree._Element, *, source: str = "") -> str:
    """The type of a view: its root tag, checked against :data:`VIEW_TYPES`."""
    try:
        return normalize_view_type(arch.tag, source=source)
    except ViewError as error:
        raise ViewError(error.reason, source=source, line=arch.sourceline) from None


def describe(node: etree._Element) -> str:
    """A short tag for messages: ``<field name="partner_id">``."""
    for attribute in _IDENTIFYING:
        if node.get(attribute):
            return f'<{node.tag} {attribute}="{node.get(attribute)}">'
    return f"<{node.tag}>"


def remove_node(node: etree._Element) -> None:
    """Detach ``node`` from its parent, keeping the text that followed it (lxml drops the tail)."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
