"""The three kinds of inheritance, as pure functions over definitions.

* **extension**: ``_inherit = "res.partner"`` (no ``_name``, or the same name)
  adds fields and methods to an existing model in place;
* **prototype**: ``_name = "x"`` with ``_inherit = "y"`` creates a new model
  ``x`` with everything ``y`` has (including later extensions of ``y``);
* **delegation**: ``_inherits = {"res.partner": "partner_id"}`` links each
  record to a parent record and exposes the parent's fields as its own.

A model class is composed one contribution at a time, Tryton style::

    cls_1 = type(name, (definition_1, *prototypes_1), {...})
    cls_2 = type(name, (definition_2, cls_1, *prototypes_2), {...})

so ``super()`` in a method of ``definition_2`` reaches ``definition_1``'s, and
then the prototypes', in dependency order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nexa.exceptions import ModelDefinitionError
from nexa.orm import fields as fields_module
from nexa.orm.fields.base import Field


def inherit_list(definition: type) -> list[str]:
    """The ``_inherit`` of a definition (its own, not inherited), as a list."""
    inherit = definition.__dict__.get("_inherit", ())
    return [inherit] if isinstance(inherit, str) else list(inherit or ())


def model_name_of(definition: type, addon: str) -> str:
    """The model a definition declares or extends."""
    name = definition.__dict__.get("_name")
    if name:
        return name
    parents = inherit_list(definition)
    if not parents:
        raise ModelDefinitionError(
            f"Class {definition.__qualname__} of addon {addon!r} has neither _name nor _inherit",
            addon=addon)
    return parents[0]


def prototypes_of(definition: type, name: str) -> list[str]:
    """The other models a definition inherits from (prototypes and mixins)."""
    return [parent for parent in inherit_list(definition) if parent != name]


def compose_class(name: str, contributions: Sequence[tuple[str, type]], models: Mapping[str, type],
                  first_attrs: dict[str, Any]) -> type:
    """Build the model class of ``name`` from its contributions, in order."""
    cls: type | None = None
    for _addon, definition in contributions:
        bases: list[type] = [definition]
        if cls is not None:
            bases.append(cls)
        for parent in prototypes_of(definition, name):
            parent_class = models[parent]
            if cls is None or parent_class not in cls.__mro__:
                bases.append(parent_class)
        cls = type(name, tuple(bases), {"__module__": definition.__module__, **first_attrs, "_composed": True})
    assert cls is not None
    return cls


def declared_fields(cls: type) -> dict[str, Field]:
    """Every field declaration visible from ``cls``, merged base-most first."""
    merged: dict[str, Field] = {}
    for klass in reversed(cls.__mro__):
        for attr_name, value in klass.__dict__.items():
            if isinstance(value, Field):
                merged[attr_name] = merged[attr_name].merged_with(value) if attr_name in merged else \
                    value.fresh_copy()
    return merged


def merged_class_attribute(cls: type, attribute: str) -> Any:
    """A dict or list class attribute merged over the MRO (``_inherits``, ``_sql_constraints``)."""
    values = [klass.__dict__[attribute] for klass in reversed(cls.__mro__) if attribute in klass.__dict__]
    if attribute == "_inherits":
        result: dict[str, str] = {}
        for value in values:
            result.update(value or {})
        return result
    keyed: dict[str, tuple] = {}
    for value in values:
        for entry in value or ():
            keyed[entry[0]] = tuple(entry)
    return list(keyed.values())


def delegated_field(parent_field: Field, link: str) -> Field:
    """The field a delegating model gets for one of its parent's fields."""
    args = {key: value for key, value in parent_field.args.items()
            if key not in ("compute", "inverse", "search", "store", "related", "default", "required",
                           "index", "inverse_name", "relation", "column1", "column2", "ondelete")}
    return type(parent_field)(**args, related=f"{link}.{parent_field.name}", store=False, copy=False)


def delegation_link(model: str, parent: str, link: str) -> Field:
    """The many2one a delegating model needs when it did not declare it."""
    return fields_module.Many2one(parent, required=True, ondelete="cascade", delegate=True,
                                  string=parent.split(".")[-1].title())
