"""Producing a report for records: the checks, the rendering, the file name."""

from __future__ import annotations

import re
from typing import Any

from nexa.exceptions import AccessError, UserError
from nexa.reports.html import markup_to_html
from nexa.reports.pdf import markup_to_pdf
from nexa.reports.render import render_markup

CONVERTERS = {"pdf": ("qweb-pdf", "application/pdf", "pdf"), "html": ("qweb-html", "text/html", "html")}


def find_report(env: Any, report_name: str) -> Any:
    """The ``ir.actions.report`` record called ``report_name`` the user may print, or an error."""
    reports = env["ir.actions.report"].sudo().search([("report_name", "=", report_name)], limit=1)
    if not reports:
        raise UserError(f"No report called {report_name!r}", value=report_name)
    reports.with_env(env)._check_groups()
    return reports


def render_report(env: Any, report_name: str, ids: list[int], converter: str) -> tuple[bytes, str, str]:
    """``(content, mimetype, file name)`` of a report for the records ``ids``, as ``env``'s user sees them."""
    if converter not in CONVERTERS:
        raise UserError(f"Unknown report format {converter!r}: use {' or '.join(CONVERTERS)}", value=converter)
    report = find_report(env, report_name)
    docs = env[report.model].browse(ids)
    docs._check_access("read")
    readable = docs._filter_readable()
    if len(readable) != len(docs.exists()):
        raise AccessError(f"You may not print some of these {report.model} records", model=report.model,
                          record_ids=sorted(set(docs._ids) - set(readable._ids)))
    docs = docs.exists()
    markup = render_markup(env, report_name, docs)
    title = report.name
    if converter == "pdf":
        content = markup_to_pdf(markup, title=title)
    else:
        content = markup_to_html(markup, title=title)
    _type, mimetype, extension = CONVERTERS[converter]
    return content, mimetype, f"{file_stem(report, docs)}.{extension}"


def file_stem(report: Any, docs: Any) -> str:
    """The download name: ``print_report_name`` evaluated for a single record, else the report's name."""
    stem = report.name or "report"
    if report.print_report_name and len(docs) == 1:
        from nexa.data.safe_eval import safe_eval

        try:
            stem = str(safe_eval(report.print_report_name, {"object": docs}))
        except Exception:  # a bad expression must not stop the download: fall back to the report name
            stem = report.name or "report"
    return re.sub(r"[^\w .()-]+", "_", stem).strip() or "report"
