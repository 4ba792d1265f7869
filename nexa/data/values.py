"""Turning the text of data files into field values, the same way for XML and CSV."""

from __future__ import annotations

from typing import Any

from nexa.data.xmlids import LoadContext

TRUE_TEXT = {"1", "true", "yes", "on", "t", "y"}
FALSE_TEXT = {"0", "false", "no", "off", "f", "n", ""}


def text_value(ctx: LoadContext, field: Any, text: str, *, line: int | None = None) -> Any:
    """The value of ``field`` written as plain text in a data file."""
    text = text if text is not None else ""
    if field.type == "boolean":
        lowered = text.strip().lower()
        if lowered in TRUE_TEXT:
            return True
        if lowered in FALSE_TEXT:
            return False
        raise ctx.error(f"Invalid boolean {text!r} for field {field.name} (use 1/0 or True/False)",
                        line=line, model=field.model_name, field=field.name)
    if field.type in ("integer", "float", "monetary"):
        return text.strip() or False
    where = {"line": line, "model": field.model_name, "field": field.name}
    if field.type == "many2one":
        return ctx.ref(text.strip(), **where) if text.strip() else False
    if field.type in ("one2many", "many2many"):
        refs = [ref.strip() for ref in text.split(",") if ref.strip()]
        return [(6, 0, [ctx.ref(ref, **where) for ref in refs])]
    return text


def eval_context(ctx: LoadContext) -> dict[str, Any]:
    """Names available in ``eval="..."`` attributes."""
    import datetime

    from nexa.orm.commands import Command

    return {
        "ref": lambda xmlid: ctx.ref(xmlid),
        "Command": Command,
        "datetime": datetime.datetime,
        "date": datetime.date,
        "timedelta": datetime.timedelta,
        "DateTime": datetime.datetime,
        "uid": ctx.env.uid,
    }
