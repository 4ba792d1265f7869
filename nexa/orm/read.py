"""Reading records as JSON-shaped dicts: ``read`` and ``search_read``.

``read`` fetches every requested column of every record in one query, each
x2many field in one query, and the display names of all many2one values per
comodel in one batch, then converts values with each field's ``to_read``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from nexa.exceptions import ValidationError, did_you_mean
from nexa.orm import api
from nexa.orm.fetch import fetch_columns, get
from nexa.orm.rows import display_names, fused_reads, read_page
from nexa.orm.search import _as_int

LOAD_NAMES = "_classic_read"
LOAD_IDS = "_classic_write"


class ReadMixin:
    """read / search_read / field fetching."""

    env: Any
    _ids: tuple[int, ...]
    _name: str
    _fields: dict

    def _resolve_field_names(self, names: Any) -> list[str]:
        """The fields to read: all readable ones for None/[]; unknown names are an error."""
        if names is None or names is False or names == []:
            return [name for name, field in self._fields.items()
                    if self.env.su or self._field_readable(field)]
        if isinstance(names, str):
            names = [names]
        resolved = []
        for name in names:
            field = self._fields.get(name)
            if field is None:
                hint = did_you_mean(name, self._fields)
                raise ValidationError(f"Invalid field {name!r} on model {self._name}{hint}",
                                      model=self._name, field=str(name))
            if not self.env.su:
                self._check_field_access(field, "read")
            if name not in resolved:
                resolved.append(name)
        return resolved

    def _fetch_fields(self, names: list[str]) -> set[int] | None:
        """Fetch the stored columns among ``names`` for all records (one query): the ids found, None if all
        values were cached (nothing was fetched, so nothing was learnt about existence)."""
        cache = self.env.cache
        wanted = [self._fields[n] for n in names if n in self._fields and self._fields[n].column_stored]
        missing = [f for f in wanted if cache.missing_ids(f, self._ids)]
        return fetch_columns(self, missing) if missing else None

    def read(self, fields: list[str] | None = None, load: str = LOAD_NAMES) -> list[dict[str, Any]]:
        """The records as dicts of wire values; many2one as ``[id, name]`` unless ``load`` is ``_classic_write``."""
        self._check_access("read")
        names = self._resolve_field_names(fields)
        if not self._ids:
            return []
        records = self._browse(self.env, tuple(dict.fromkeys(self._ids)), self._ids)
        found = records._fetch_fields(names)
        if found is None:  # every value was cached: existence and rules are checked apart
            records = records.exists()
            if records._ids and not self.env.su:
                records._check_record_rules(records._ids, "read")  # values cached by sudo code: rules still apply
        elif len(found) < len(records._ids):  # the fetch found what exists (the rules refused what they hide)
            kept = tuple(i for i in records._ids if i in found)
            records = records._browse(self.env, kept, kept)
        if not records._ids:
            return []
        columns: dict[str, dict[int, Any]] = {}
        for name in names:
            field = self._fields[name]
            if name == "id":
                continue
            values = {}
            for record in records:
                values[record.id] = get(record, field)
            columns[name] = values
        names_of = self._many2one_names(names, columns) if load != LOAD_IDS else {}
        result = []
        for record in records:
            row: dict[str, Any] = {"id": record.id}
            for name in names:
                if name == "id":
                    continue
                field = self._fields[name]
                value = columns[name][record.id]
                if field.type == "many2one" and load != LOAD_IDS:
                    row[name] = [value, names_of[field.comodel_name].get(value, "")] if value else False
                else:
                    row[name] = field.to_read(value, record)
            result.append(row)
        return result

    def _many2one_names(self, names: list[str], columns: dict[str, dict[int, Any]]) -> dict[str, dict[int, str]]:
        """Display names of every many2one value, one batch per comodel."""
        wanted: dict[str, set[int]] = defaultdict(set)
        for name in names:
            field = self._fields[name]
            if field.type == "many2one":
                wanted[field.comodel_name].update(v for v in columns[name].values() if v)
        return {model: display_names(self.env[model], ids) for model, ids in wanted.items()} | {
            self._fields[n].comodel_name: {} for n in names
            if self._fields[n].type == "many2one" and self._fields[n].comodel_name not in wanted}

    @api.model
    def search_read(self, domain: Any = None, fields: list[str] | None = None, offset: int = 0,
                    limit: int | None = None, order: str | None = None, load: str = LOAD_NAMES) -> list[dict]:
        """``search`` then ``read`` in one call, as the web client and scripts use it.

        One statement selects the page and its columns (:mod:`nexa.orm.rows`), unless the
        model overrides ``search`` or ``read``: then it is exactly those two calls.
        """
        if fused_reads(type(self)):
            return read_page(self, domain or [], fields, _as_int(offset), _as_int(limit) or None, order or None,
                             load)
        records = self.search(domain or [], offset=offset, limit=limit, order=order)
        if not records:
            return []
        return records.read(fields, load=load)

    def export_data(self, fields_to_export: list[str]) -> dict[str, list[list[Any]]]:
        """Odoo's export: ``{"datas": rows}``, one row per record plus one per extra x2many line.

        Paths are ``/``-separated (``partner_id/name``, ``line_ids/product_id/id``); ``id`` is the
        external id, ``.id`` the database id, a relation without a sub-path its display name.
        A field the user may not read is refused (AccessError), and related records are read
        with the user's rules, as ``read`` reads them.
        """
        self._check_access("read")
        if not isinstance(fields_to_export, (list, tuple)) or not all(isinstance(p, str) for p in fields_to_export):
            raise ValidationError(f"export_data on {self._name} expects a list of field paths such as "
                                  f"'partner_id/name', got {fields_to_export!r}", model=self._name)
        paths = [self._export_path(path) for path in fields_to_export]
        if not self.env.su:
            self._check_record_rules(self._ids, "read")  # even if sudo code cached their values
        return {"datas": _export_rows(self, paths)}

    def _export_path(self, path: str) -> list[str]:
        """``path`` split on ``/``, each step checked: a known field the user may read."""
        model, steps = self, path.split("/")
        for position, name in enumerate(steps):
            if name in ("id", ".id") and position == len(steps) - 1:
                break
            field = model._fields.get(name)
            if field is None:
                hint = did_you_mean(name, model._fields)
                raise ValidationError(f"Invalid export path {path!r}: model {model._name} has no field "
                                      f"{name!r}{hint}", model=model._name, field=name)
            if not self.env.su:
                model._check_field_access(field, "read")
            if position < len(steps) - 1:
                if not field.relational:
                    raise ValidationError(f"Invalid export path {path!r}: {model._name}.{name} is not a "
                                          "relation", model=model._name, field=name)
                model = self.env[field.comodel_name]
        return steps


def _export_rows(records: Any, paths: list[list[str]]) -> list[list[Any]]:
    """The export lines of ``records`` (Odoo's ``_export_rows``): x2many lines after the first add rows."""
    lines: list[list[Any]] = []
    for record in records:
        current: list[Any] = [""] * len(paths)
        lines.append(current)
        done: set[str] = set()
        for index, path in enumerate(paths):
            if not path:
                continue
            name = path[0]
            if name == ".id":
                current[index] = record.id
            elif name == "id":
                current[index] = record.env["ir.model.data"]._xmlid_of(record) or "" \
                    if "ir.model.data" in record.env else ""
            elif not record._fields[name].relational:
                value = record._fields[name].to_read(get(record, record._fields[name]), record)
                current[index] = "" if value is None or (value is False and record._fields[name].type != "boolean") \
                    else value
            elif name not in done:
                done.add(name)
                sub_paths = [(other[1:] or ["display_name"]) if other and other[0] == name else []
                             for other in paths]
                sub_lines = _export_rows(getattr(record, name), sub_paths)
                if sub_lines:
                    for position, value in enumerate(sub_lines[0]):
                        if value or isinstance(value, (int, float)):
                            current[position] = value
                    lines += sub_lines[1:]
    return lines
