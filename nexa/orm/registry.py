"""The registry: one composed model class per model name, for one set of addons.

::

    addons write DEFINITIONS               the registry composes MODEL CLASSES
    ------------------------               -----------------------------------
    base:  class Partner(Model)            res.partner = type("res.partner",
             _name = "res.partner"             (crm.Partner, sale.Partner, base.Partner))
    crm:   class Partner(Model)            sale.order  = type("sale.order",
             _inherit = "res.partner"          (sale.Order, mail.thread))
    sale:  class Order(Model)
             _name = "sale.order"           recordsets are instances of model classes
             _inherit = ["mail.thread"]     (env["res.partner"]), never of definitions

Building a registry is a pure function, :func:`build_registry`: no database,
no configuration, no globals. Two databases with different addons installed get
two registries in the same process; the definitions are shared, the model
classes and their field objects are not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import MetaData, Table

from nexa.exceptions import ModelDefinitionError, did_you_mean
from nexa.orm import fields as f
from nexa.orm.compute import Trigger
from nexa.orm.fields.base import Field
from nexa.orm.inheritance import (
    compose_class,
    declared_fields,
    delegated_field,
    delegation_link,
    merged_class_attribute,
    model_name_of,
    prototypes_of,
)
from nexa.orm.setup import check_model, constraint_methods, depends_triggers, field_dependents, onchange_methods
from nexa.orm.translation import companion_field, companion_name, wants_companion
from nexa.problems import raise_if_any

LOG_ACCESS = ("create_uid", "create_date", "write_uid", "write_date")


@dataclass
class Registry:
    """The model classes of one set of installed addons (see the module docstring)."""

    models: dict[str, type]
    load_order: tuple[str, ...]
    metadata: MetaData = field(default_factory=MetaData)
    relation_tables: dict[str, Table] = field(default_factory=dict)
    triggers: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)  # stored computed fields
    dependents: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)  # every computed field
    packages: dict[str, Any] = field(default_factory=dict)  # addon name -> imported package
    plugins: Any = None  # the pluggy manager of the runtime hooks (set by the runtime)
    #: what processes remember across transactions about this registry's database (access rights...),
    #: each entry tagged with what it is valid for (see nexa.security.access)
    caches: dict[str, Any] = field(default_factory=dict)
    _pointing: dict[str, list[Field]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> type:
        return self.models[name]

    def __contains__(self, name: object) -> bool:
        return name in self.models

    def __iter__(self) -> Iterator[str]:
        return iter(self.models)

    def fields_pointing_to(self, model_name: str) -> list[Field]:
        """Relational fields of any model whose comodel is ``model_name``."""
        return self._pointing.get(model_name, [])


def _collect(load_order: Sequence[str], definitions: Mapping[str, Sequence[type]]) -> tuple[dict, dict]:
    contributions: dict[str, list[tuple[str, type]]] = {}
    parents: dict[str, list[str]] = {}
    for addon in load_order:
        for definition in sorted(definitions.get(addon, ()), key=lambda d: d._definition_order):
            name = model_name_of(definition, addon)
            if name not in contributions and not definition.__dict__.get("_name"):
                hint = did_you_mean(name, contributions)
                raise ModelDefinitionError(
                    f"Class {definition.__qualname__} of addon {addon!r} extends model {name!r}, which no "
                    f"installed addon defines before it{hint}; add the addon defining it to 'depends'",
                    addon=addon, model=name)
            contributions.setdefault(name, []).append((addon, definition))
            for parent in prototypes_of(definition, name):
                if parent not in contributions:
                    raise ModelDefinitionError(
                        f"Model {name!r} (addon {addon!r}) inherits from {parent!r}, which no installed addon "
                        "defines before it", addon=addon, model=name)
                parents.setdefault(name, []).append(parent)
    return contributions, parents


def _build_order(contributions: dict, parents: dict) -> list[str]:
    """Models with their prototypes first (prototypes are complete before they are copied)."""
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(name: str, chain: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = [*chain[chain.index(name):], name]
            raise ModelDefinitionError(f"Models inherit from each other in a cycle: {' → '.join(cycle)}",
                                       model=name)
        state[name] = 1
        for parent in parents.get(name, ()):
            visit(parent, [*chain, name])
        state[name] = 2
        order.append(name)

    for name in contributions:
        visit(name, [])
    return order


def _first_attrs(name: str, contributions: list[tuple[str, type]]) -> dict[str, Any]:
    first = contributions[0][1]
    table = first.__dict__.get("_table") or name.replace(".", "_")
    return {"_name": name, "_table": table, "_abstract": first._abstract, "_transient": first._transient,
            "_description": next((d.__dict__["_description"] for _a, d in reversed(contributions)
                                  if d.__dict__.get("_description")), name)}


def _setup_fields(cls: type, models: Mapping[str, type], has_users: bool) -> None:
    declared = declared_fields(cls)
    inherits = merged_class_attribute(cls, "_inherits")
    delegated: dict[str, str] = {}
    for parent, link in inherits.items():
        if link not in declared:
            declared[link] = delegation_link(cls._name, parent, link)
        for parent_name, parent_field in models[parent]._fields.items():
            if parent_name not in declared and parent_name not in ("id", "display_name", *LOG_ACCESS):
                declared[parent_name] = delegated_field(parent_field, link)
                delegated[parent_name] = link
    if cls._log_access and not cls._abstract:
        user_field = (lambda s: f.Many2one("res.users", string=s, readonly=True)) if has_users else \
            (lambda s: f.Integer(string=s, readonly=True))
        declared.setdefault("create_uid", user_field("Created by"))
        declared.setdefault("create_date", f.Datetime(string="Created on", readonly=True))
        declared.setdefault("write_uid", user_field("Last Updated by"))
        declared.setdefault("write_date", f.Datetime(string="Last Updated on", readonly=True))
    if cls._parent_store and "parent_path" not in declared:
        declared["parent_path"] = f.Char(index=True, readonly=True, copy=False)
    translated = [name for name, fld in declared.items() if name not in delegated and wants_companion(fld)]
    for name in translated:
        declared.setdefault(companion_name(name), companion_field(declared[name]))
    addon = cls._addons[0] if cls._addons else ""
    ordered = dict(sorted(declared.items(), key=lambda item: (item[0] != "id", item[1]._order)))
    for name, fld in ordered.items():
        fld.check_options(cls._name, name, addon)
        fld.bind(cls._name, name, addon)
        setattr(cls, name, fld)
    cls._company_dependent_fields = [fld for fld in ordered.values() if fld.company_dependent and not fld.related]
    if cls._company_dependent_fields:
        from nexa.security.company_values import attach

        for fld in cls._company_dependent_fields:
            attach(cls, fld)
    for name in translated:
        ordered[name].translations_field = ordered[companion_name(name)]
    cls._fields = ordered
    cls._inherits = inherits
    cls._delegated_fields = delegated
    cls._sql_constraints = merged_class_attribute(cls, "_sql_constraints")
    if cls._rec_name is None and "name" in ordered:
        cls._rec_name = "name"
    cls._column_fields = [fld for fld in ordered.values() if fld.column_stored and fld.name != "id"]
    cls._required_fields = [fld for fld in cls._column_fields if fld.required]
    cls._default_fields = [name for name, fld in ordered.items()  # company-dependent: a fallback, not a value
                           if fld.default is not None and name not in delegated and fld not in
                           cls._company_dependent_fields]
    cls._stored_computed = [fld for fld in ordered.values() if fld.store and (fld.compute or fld.related)]
    cls._constraint_methods = constraint_methods(cls)
    cls._onchange_methods = onchange_methods(cls)


def _complete_related(cls: type, registry: Registry) -> None:
    """Give related fields the attributes of their target they did not declare (comodel, selection)."""
    for fld in cls._fields.values():
        if not fld.related:
            continue
        target_model, target = cls._name, None
        for name in fld.related.split("."):
            model = registry.models.get(target_model)
            target = model._fields.get(name) if model else None
            if target is None:
                break
            target_model = getattr(target, "comodel_name", None) or target_model
        if target is None:
            continue  # reported by check_model
        for option in ("comodel_name", "selection", "digits", "currency_field", "size"):
            if hasattr(fld, option) and getattr(fld, option) is None and hasattr(target, option):
                setattr(fld, option, getattr(target, option))
        if fld.string == fld.name.replace("_id", "").replace("_", " ").strip().title():
            fld.string = target.string


def build_registry(load_order: Sequence[str], definitions: Mapping[str, Sequence[type]]) -> Registry:
    """Compose the model classes of the addons in ``load_order`` from their ``definitions``."""
    contributions, parents = _collect(load_order, definitions)
    models: dict[str, type] = {}
    has_users = "res.users" in contributions
    for name in _build_order(contributions, parents):
        cls = compose_class(name, contributions[name], models, _first_attrs(name, contributions[name]))
        cls._addons = tuple(dict.fromkeys(addon for addon, _d in contributions[name]))
        _setup_fields(cls, models, has_users)
        models[name] = cls
    registry = Registry(models={name: models[name] for name in contributions}, load_order=tuple(load_order))
    for cls in models.values():
        cls._registry = registry
    for cls in models.values():
        _complete_related(cls, registry)
    problems = [problem for cls in models.values() for problem in check_model(cls, registry)]
    raise_if_any(problems, title="Invalid model definitions")
    registry.triggers = depends_triggers(registry)
    registry.dependents = field_dependents(registry)
    for cls in models.values():
        for fld in cls._fields.values():
            if fld.relational:
                registry._pointing.setdefault(fld.comodel_name, []).append(fld)
    from nexa.orm.tables import build_tables

    build_tables(registry)
    return registry
