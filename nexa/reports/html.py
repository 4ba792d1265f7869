"""Report markup as an HTML page (the ``qweb-html`` report type and the print preview)."""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml.html import builder as E
from lxml.html import tostring

CSS = ("body{font-family:system-ui,sans-serif;margin:2rem;color:#222} table{border-collapse:collapse;margin:.5rem 0}"
       "td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left} th{background:#f0f0f5}"
       ".page{page-break-after:always;margin-bottom:2rem} dt{color:#555} dd{margin:0 0 .4rem 0}")


def _convert(node: Any) -> Any:
    text = "".join(node.itertext()).strip()
    tag = node.tag
    if tag in ("h1", "h2", "p"):
        return getattr(E, tag.upper())(text)
    if tag == "spacer":
        return E.DIV(E.CLASS("spacer"))
    if tag == "fields":
        items = []
        for field in node:
            items += [E.DT(field.get("label", "")), E.DD("".join(field.itertext()).strip())]
        return E.DL(*items)
    if tag == "table":
        rows = []
        for index, row in enumerate(node):
            cell = E.TH if index == 0 else E.TD
            rows.append(E.TR(*[cell("".join(c.itertext()).strip()) for c in row]))
        return E.TABLE(*rows)
    if tag == "page":
        return E.DIV(E.CLASS("page"), *[_convert(child) for child in node if isinstance(child.tag, str)])
    raise ValueError(f"Unknown report markup element <{tag}>")


def markup_to_html(root: etree._Element, *, title: str = "Report") -> bytes:
    """A standalone HTML page for a ``<document>`` of report markup (every text escaped by lxml)."""
    body = [_convert(child) for child in root if isinstance(child.tag, str)]
    page = E.HTML(E.HEAD(E.META(charset="utf-8"), E.TITLE(title), E.STYLE(CSS)), E.BODY(*body))
    page.set("lang", "en")
    return tostring(page, doctype="<!DOCTYPE html>", encoding="utf-8")
