"""Laying report markup out as a PDF with reportlab (A4, one flowable per markup element)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

STYLES = getSampleStyleSheet()
LABEL = ParagraphStyle("label", parent=STYLES["BodyText"], textColor=colors.HexColor("#555555"))
TABLE_STYLE = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f0f5")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
])


def _text(node: Any) -> str:
    """The text of a markup node, escaped for reportlab's paragraph mini-language."""
    return escape("".join(node.itertext()).strip())


def _flowables(node: Any) -> list[Any]:
    tag = node.tag
    if tag == "h1":
        return [Paragraph(_text(node), STYLES["Title"])]
    if tag == "h2":
        return [Paragraph(_text(node), STYLES["Heading2"])]
    if tag == "p":
        return [Paragraph(_text(node), STYLES["BodyText"])]
    if tag == "spacer":
        return [Spacer(1, float(node.get("height", "6")) * mm)]
    if tag == "fields":
        rows = [[Paragraph(escape(field.get("label", "")), LABEL), Paragraph(_text(field), STYLES["BodyText"])]
                for field in node if field.tag == "field"]
        return [Table(rows, colWidths=[45 * mm, 125 * mm], hAlign="LEFT")] if rows else []
    if tag == "table":
        rows = [[Paragraph(_text(cell), STYLES["BodyText"]) for cell in row] for row in node if row.tag == "tr"]
        if not rows:
            return []
        table = Table(rows, repeatRows=1, hAlign="LEFT")
        table.setStyle(TABLE_STYLE)
        return [table]
    if tag == "page":
        result: list[Any] = []
        for child in node:
            result.extend(_flowables(child))
        return [*result, PageBreak()]
    raise ValueError(f"Unknown report markup element <{tag}>")


def markup_to_pdf(root: etree._Element, *, title: str = "Report") -> bytes:
    """The PDF of a ``<document>`` of report markup."""
    story: list[Any] = []
    for child in root:
        if isinstance(child.tag, str):
            story.extend(_flowables(child))
    if story and isinstance(story[-1], PageBreak):
        story.pop()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=20 * mm, rightMargin=20 * mm,
                                 topMargin=18 * mm, bottomMargin=18 * mm)
    document.build(story or [Spacer(1, 1)])
    return buffer.getvalue()
