"""Default views: a sensible arch for any model that has none of the requested type.

A new model is usable in the web client before anyone writes its views: the
``get_views`` of a model without, say, a form view answers with
``default_arch("form", fields_get(), rec_name=...)``. Odoo does the same; the
rules here are deliberately plain so users can predict them:

* ``form``: a sheet with one group of every stored, non-technical field
  (``rec_name`` first), then a notebook with one page per x2many field;
* ``list``: ``rec_name`` and up to 6 simple stored fields;
* ``search``: ``rec_name`` and up to 4 searchable fields, an "Archived" filter
  when the model has ``active``, and "Group By" filters on up to 3 fields;
* ``kanban``: a card with ``rec_name`` and up to 3 simple fields;
* ``calendar`` (needs a date field), ``pivot`` and ``graph``: first grouping
  field as row, numeric fields as measures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from lxml import etree
from lxml.builder import E

from nexa.views.arch import ViewError, normalize_view_type

#: Fields every model has that no default view shows.
TECHNICAL_FIELDS = frozenset(
    {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name", "__last_update"}
)
X2MANY_TYPES = ("one2many", "many2many")
#: Types too large or too structured for a list column or a kanban card.
NOT_SIMPLE_TYPES = (*X2MANY_TYPES, "binary", "html", "text", "json", "properties", "reference")
SEARCHABLE_TYPES = ("char", "text", "many2one", "selection")
GROUPABLE_TYPES = ("many2one", "selection")
NUMERIC_TYPES = ("integer", "float", "monetary")
DATE_TYPES = ("date", "datetime")
LIST_COLUMNS = 6
SEARCH_FIELDS = 4
GROUP_BY_FILTERS = 3
KANBAN_FIELDS = 3
PIVOT_MEASURES = 3

Fields = Mapping[str, Mapping[str, Any]]


def default_arch(view_type: str, fields: Fields, *, rec_name: str) -> etree._Element:
    """A default arch of ``view_type`` (``tree`` accepted) for a model with these ``fields_get`` fields.

    ``rec_name`` is the model's ``_rec_name`` (``name`` usually); when it is not in
    ``fields`` the views fall back to ``display_name`` if present. Raises
    :class:`~nexa.views.arch.ViewError` for an unknown view type, or a calendar
    on a model without a date field.
    """
    builder = _BUILDERS[normalize_view_type(view_type)]
    name_field = rec_name if rec_name in fields else ("display_name" if "display_name" in fields else None)
    return builder(fields, name_field)


def _label(name: str, meta: Mapping[str, Any]) -> str:
    return str(meta.get("string") or name.replace("_", " ").strip().title())


def _shown(
    fields: Fields, name_field: str | None, types: tuple[str, ...] = (), *, exclude: tuple[str, ...] = ()
) -> list[str]:
    """Stored, non-technical fields but ``name_field``: of ``types`` when given, else not of ``exclude``."""
    return [
        name
        for name, meta in fields.items()
        if name != name_field
        and name not in TECHNICAL_FIELDS
        and not name.startswith("_")
        and meta.get("store", True)
        and (meta.get("type") in types if types else meta.get("type") not in exclude)
    ]


def _name_first(name_field: str | None, names: list[str]) -> list[str]:
    return ([name_field] if name_field else []) + names


def _form(fields: Fields, name_field: str | None) -> etree._Element:
    group = E.group(
        *(E.field(name=name) for name in _name_first(name_field, _shown(fields, name_field, exclude=X2MANY_TYPES)))
    )
    sheet = E.sheet(group)
    pages = [
        E.page(E.field(name=name), string=_label(name, fields[name]), name=name)
        for name in _shown(fields, name_field, X2MANY_TYPES)
    ]
    if pages:
        sheet.append(E.notebook(*pages))
    return E.form(sheet)


def _list(fields: Fields, name_field: str | None) -> etree._Element:
    columns = _shown(fields, name_field, exclude=NOT_SIMPLE_TYPES)[:LIST_COLUMNS]
    return E.list(*(E.field(name=name) for name in _name_first(name_field, columns)))


def _search(fields: Fields, name_field: str | None) -> etree._Element:
    searched = _shown(fields, name_field, SEARCHABLE_TYPES)[:SEARCH_FIELDS]
    search = E.search(*(E.field(name=name) for name in _name_first(name_field, searched)))
    if "active" in fields:
        search.append(E.filter(name="inactive", string="Archived", domain="[('active', '=', False)]"))
    group_by = [
        E.filter(name=f"group_by_{name}", string=_label(name, fields[name]), context=f"{{'group_by': '{name}'}}")
        for name in _shown(fields, None, GROUPABLE_TYPES)[:GROUP_BY_FILTERS]
    ]
    if group_by:
        search.append(E.group(*group_by, expand="0", string="Group By"))
    return search


def _kanban(fields: Fields, name_field: str | None) -> etree._Element:
    card = E.t({"t-name": "card"})
    if name_field:
        card.append(E.field(name=name_field, **{"class": "fw-bold"}))
    card.extend(E.field(name=name) for name in _shown(fields, name_field, exclude=NOT_SIMPLE_TYPES)[:KANBAN_FIELDS])
    return E.kanban(E.templates(card))


def _calendar(fields: Fields, name_field: str | None) -> etree._Element:
    dates = _shown(fields, None, DATE_TYPES)
    if not dates:
        raise ViewError(
            "cannot generate a default calendar view: the model has no stored date or datetime field",
            source="default calendar view",
        )
    calendar = E.calendar(date_start=dates[0], string="Calendar")
    if name_field:
        calendar.append(E.field(name=name_field))
    return calendar


def _analysis(tag: str, measures: int) -> Callable[[Fields, str | None], etree._Element]:
    def build(fields: Fields, name_field: str | None) -> etree._Element:
        root = etree.Element(tag)
        for name in _shown(fields, None, GROUPABLE_TYPES)[:1]:
            root.append(E.field(name=name, type="row"))
        for name in _shown(fields, None, NUMERIC_TYPES)[:measures]:
            root.append(E.field(name=name, type="measure"))
        return root

    return build


_BUILDERS: dict[str, Callable[[Fields, str | None], etree._Element]] = {
    "form": _form,
    "list": _list,
    "search": _search,
    "kanban": _kanban,
    "calendar": _calendar,
    "pivot": _analysis("pivot", PIVOT_MEASURES),
    "graph": _analysis("graph", 1),
}
