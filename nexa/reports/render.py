"""Rendering a report template into report markup, with the user's environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from nexa.exceptions import UserError

TEMPLATE_SUFFIX = ".xml.j2"


def template_path(env: Any, report_name: str) -> Path:
    """``addon.name`` -> ``<addon>/reports/<name>.xml.j2`` (the addon must be installed)."""
    addon, _dot, name = report_name.partition(".")
    package = env.registry.packages.get(addon)
    if not name or package is None:
        raise UserError(f"Report template {report_name!r} not found: use '<installed addon>.<template>'",
                        value=report_name)
    path = Path(package.__file__).parent / "reports" / f"{name}{TEMPLATE_SUFFIX}"
    if not path.is_file():
        raise UserError(f"Report template {report_name!r} not found: expected {path}", value=report_name)
    return path


def _format_amount(amount: float, currency: Any = None) -> str:
    text = f"{amount or 0.0:,.2f}"
    if currency:
        symbol = currency.symbol or currency.name
        return f"{symbol} {text}" if currency.position == "before" else f"{text} {symbol}"
    return text


def render_markup(env: Any, report_name: str, docs: Any, data: dict | None = None) -> etree._Element:
    """Render the template of ``report_name`` for ``docs``; returns the parsed markup root."""
    path = template_path(env, report_name)
    jinja = SandboxedEnvironment(loader=FileSystemLoader(str(path.parent)), autoescape=select_autoescape(["j2"]),
                                 undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    jinja.filters["amount"] = _format_amount
    template = jinja.get_template(path.name)
    try:
        text = template.render(docs=docs, data=data or {}, user=env.user, company=env.company)
    except Exception as error:  # a template bug: say which template and why
        raise UserError(f"Report {report_name!r} failed to render: {type(error).__name__}: {error}",
                        value=report_name) from error
    try:
        return etree.fromstring(text.encode())
    except etree.XMLSyntaxError as error:
        raise UserError(f"Report {report_name!r} produced invalid markup: {error}", value=report_name) from error
