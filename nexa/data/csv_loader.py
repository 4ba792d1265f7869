"""Load CSV data files: one model per file (the file name), one record per row.

The header names fields; ``id`` holds external ids; ``field:id`` (or
``field/id``) columns hold external ids of related records (comma-separated for
many2many)::

    id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink
    access_partner_user,res.partner user,model_res_partner,group_user,1,1,1,0
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from nexa.data.values import text_value
from nexa.data.xmlids import LoadContext, load_record
from nexa.exceptions import did_you_mean


def _column(ctx: LoadContext, model: Any, header: str) -> tuple[str, bool]:
    """``(field name, is_reference)`` of a header cell."""
    name, is_ref = header, False
    for suffix in (":id", "/id"):
        if header.endswith(suffix):
            name, is_ref = header[: -len(suffix)], True
    if name != "id" and name not in model._fields:
        hint = did_you_mean(name, model._fields)
        raise ctx.error(f"Column {header!r}: model {model._name} has no field {name!r}{hint}", line=1,
                        model=model._name, field=name)
    return name, is_ref


def _required_without_column(model: Any, names: set[str]) -> list[Any]:
    """Required fields a new row cannot get: no column, no default, not computed, not a delegation link."""
    links = set(model._inherits.values())
    return [field for field in model._required_fields
            if field.name not in names and field.default is None and not field.compute and not field.related
            and field.name not in links and f"default_{field.name}" not in model.env.context]


def load_csv(ctx: LoadContext, path: Path) -> None:
    """Load one CSV data file; the model is the file name without ``.csv``."""
    model_name = path.stem
    if model_name not in ctx.env.registry:
        raise ctx.error(f"The file name must be a model name: no model {model_name!r}", model=model_name)
    model = ctx.env[model_name]
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        return
    columns = [_column(ctx, model, header.strip()) for header in rows[0]]
    absent = _required_without_column(model, {name for name, _ref in columns})
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            raise ctx.error(f"Row has {len(row)} values but the header has {len(columns)} columns "
                            f"({', '.join(rows[0])})", line=line, model=model_name)
        xmlid = None
        values: dict[str, Any] = {}
        for (name, is_ref), cell in zip(columns, row):
            if name == "id":
                xmlid = cell.strip() or None
                continue
            field = model._fields[name]
            if is_ref and field.type not in ("many2one", "one2many", "many2many"):
                raise ctx.error(f"Column {name}:id is only valid for relational fields", line=line,
                                model=model_name, field=name)
            values[name] = text_value(ctx, field, cell, line=line)
        if absent and not (xmlid and ctx.env["ir.model.data"]._xmlid_lookup(ctx.qualify(xmlid))):
            field = absent[0]
            raise ctx.error(f"Column {field.name!r} is missing: field {model_name}.{field.name} ({field.string}) "
                            f"is required to create a record", line=line, model=model_name, field=field.name)
        load_record(ctx, xmlid, model_name, values, noupdate=ctx.noupdate, line=line)
