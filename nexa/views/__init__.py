"""The view engine, pure part: arch parsing, inheritance, validation, modifiers, post-processing.

Views are XML archs stored in ``ir.ui.view`` records. This package holds every
step that needs no database, so each can be tested on plain strings and the ORM
side (``ir.ui.view``, ordering inherited views, ``get_views``) only wires them:

============================  ===============================================================
:mod:`~nexa.views.arch`        parse archs (line numbers kept, ``tree`` -> ``list``), view types
:mod:`~nexa.views.inherit`     apply an inheriting view's xpath / shorthand specs
:mod:`~nexa.views.validate`    check an arch against the models (fields, buttons, modifiers)
:mod:`~nexa.views.expression`  the modifier language shared with the web client
:mod:`~nexa.views.postprocess` per-user arch (groups), fields read, modifiers, search filters
:mod:`~nexa.views.defaults`    a default arch for a model without a view of some type
============================  ===============================================================

Example::

    >>> from nexa.views import apply_inheritance, evaluate, parse_arch
    >>> base = parse_arch('<form><field name="name"/></form>', source="view base")
    >>> spec = parse_arch('<field name="name" position="after"><field name="ref"/></field>')
    >>> combined = apply_inheritance(base, spec, base_name="view base", spec_name="view ext")
    >>> [node.get("name") for node in combined.iter("field")]
    ['name', 'ref']
    >>> evaluate("state == 'draft' and not ref", {"state": "draft", "ref": False})
    True
"""

from __future__ import annotations

from nexa.views.arch import (
    MODIFIERS,
    VIEW_TYPES,
    ViewError,
    describe,
    locate,
    normalize_view_type,
    parse_arch,
    remove_node,
    view_type,
)
from nexa.views.defaults import default_arch
from nexa.views.expression import (
    BUILTIN_NAMES,
    EvaluationError,
    Expr,
    ExpressionError,
    evaluate,
    names,
    parse_expression,
    truthy,
)
from nexa.views.inherit import POSITIONS, apply_inheritance
from nexa.views.postprocess import (
    field_modifiers,
    fields_in_arch,
    group_by_fields,
    search_filters,
    strip_groups,
    user_in_groups,
)
from nexa.views.validate import ModelCatalog, validate_view

__all__ = [
    "BUILTIN_NAMES",
    "MODIFIERS",
    "POSITIONS",
    "VIEW_TYPES",
    "EvaluationError",
    "Expr",
    "ExpressionError",
    "ModelCatalog",
    "ViewError",
    "apply_inheritance",
    "default_arch",
    "describe",
    "evaluate",
    "field_modifiers",
    "fields_in_arch",
    "group_by_fields",
    "locate",
    "names",
    "normalize_view_type",
    "parse_arch",
    "parse_expression",
    "remove_node",
    "search_filters",
    "strip_groups",
    "truthy",
    "user_in_groups",
    "validate_view",
    "view_type",
]
