"""What a model says about itself: ``fields_get``, ``default_get``, ``fields_get_keys``."""

from __future__ import annotations

from typing import Any

from nexa.orm import api

# Attributes fields_get returns for every field, with where they come from.
BASE_ATTRIBUTES = ("type", "string", "help", "required", "readonly", "store", "sortable", "searchable",
                   "groupable", "manual", "depends", "related", "company_dependent", "translate", "name",
                   "exportable", "change_default")


def describe_field(model: Any, field: Any) -> dict[str, Any]:
    """The ``fields_get`` description of one field (Odoo's keys, JSON values)."""
    stored = bool(field.store) or field.name == "id"
    description: dict[str, Any] = {
        "type": field.type,
        "string": field.string,
        "help": field.help or "",
        "required": bool(field.required),
        "readonly": bool(field.readonly) or bool(field.compute and not field.inverse) or field.name == "id",
        "store": stored,
        "sortable": stored and field.type not in ("one2many", "many2many", "binary", "image", "json"),
        "searchable": stored or bool(field.search) or bool(field.related),
        "groupable": stored and field.type not in ("one2many", "many2many", "text", "html", "binary", "json"),
        "manual": False,
        "depends": list(getattr(getattr(model, field.compute, None), "_depends", ()) or ())
        if isinstance(field.compute, str) else [],
        "related": field.related or False,
        "company_dependent": bool(field.company_dependent),
        "translate": bool(field.translate),
        "name": field.name,
        "exportable": True,
        "change_default": False,
    }
    if field.relational:
        description["relation"] = field.comodel_name
        description["domain"] = field.domain if not callable(field.domain) else []
        description["context"] = dict(field.context or {})
        if field.type == "one2many":
            description["relation_field"] = field.inverse_name
    if field.type in ("selection", "reference"):
        description["selection"] = [list(pair) for pair in field.get_values(model.env)]
    if field.type == "char" and field.size:
        description["size"] = field.size
    if field.type in ("float", "monetary") and field.digits:
        description["digits"] = list(field.digits)
    if field.type == "monetary":
        description["currency_field"] = field.currency_field
    if field.type == "many2one":
        description["ondelete"] = field.ondelete
    if field.groups:
        description["groups"] = field.groups
    return description


class IntrospectionMixin:
    """fields_get / default_get / fields_get_keys."""

    env: Any
    _name: str
    _fields: dict

    @api.model
    def fields_get(self, allfields: list[str] | None = None, attributes: list[str] | None = None) -> dict:
        """``{field: {attribute: value}}`` for the fields the user may see."""
        names = [n for n in (allfields or self._fields) if n in self._fields]
        result = {}
        for name in names:
            field = self._fields[name]
            if not self.env.su and not self._field_readable(field):
                continue
            description = describe_field(self, field)
            if attributes:
                description = {key: value for key, value in description.items() if key in attributes}
            result[name] = description
        return result

    @api.model
    def fields_get_keys(self) -> list[str]:
        """The field names (gone from Odoo 17; erppeek needs it for attribute access)."""
        return [name for name, field in self._fields.items() if self.env.su or self._field_readable(field)]

    def _default_values(self, names: list[str]) -> dict[str, Any]:
        """Default values (Python values, as create accepts) for ``names``."""
        context = self.env.context
        values: dict[str, Any] = {}
        for name in names:
            field = self._fields.get(name)
            if field is None:
                continue
            key = f"default_{name}"
            if key in context:
                values[name] = context[key]
            elif field.default is not None:
                default = field.default
                values[name] = default(self) if callable(default) else default
        return values

    @api.model
    def default_get(self, fields_list: list[str]) -> dict[str, Any]:
        """Default values of ``fields_list`` in wire format, as a new form shows them."""
        values = self._default_values([n for n in fields_list if n in self._fields])
        result = {}
        for name, value in values.items():
            field = self._fields[name]
            if field.type == "many2one":
                result[name] = field.to_cache(value, self.env) or False
            elif field.type in ("one2many", "many2many"):
                result[name] = value if isinstance(value, list) else list(field.to_cache(value, self.env))
            else:
                result[name] = field.convert_default(value, self.env)
            if result[name] is None:
                result[name] = False
        return result
