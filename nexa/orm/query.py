"""Compile domain trees and order specs into SQLAlchemy Core statements.

Only SQLAlchemy expressions with bound parameters are produced: field names are
checked against the model's fields, operators against a fixed list, and values
are always bound. Relational paths (``partner_id.country_id.code``) become
``IN (SELECT ...)`` subqueries on the comodel, built by the comodel itself, so
that its own record rules and ``active`` filtering apply.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Select, and_, false, not_, or_, select, true
from sqlalchemy.sql import ColumnElement

from nexa.exceptions import DomainError, did_you_mean
from nexa.orm import domain as domains
from nexa.orm.domain import And, Constant, Leaf, Node, Not, Or

ORDER_TERM = re.compile(r"^\s*([a-z_][a-z0-9_]*)(?:\.([a-z_][a-z0-9_]*))?"
                        r"(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*$", re.IGNORECASE)


def unknown_field(model: Any, name: str, path: str) -> DomainError:
    """The error for a domain or order naming a field the model does not have."""
    hint = did_you_mean(name, model._fields)
    return DomainError(f"Invalid field {name!r} in {path!r}: model {model._name} has no such field{hint}",
                       model=model._name, field=name)


class DomainCompiler:
    """Turns a domain tree into a boolean SQL expression on ``table`` for ``model``."""

    def __init__(self, model: Any, table: Any) -> None:
        self.model = model
        self.env = model.env
        self.table = table

    def compile(self, node: Node) -> ColumnElement:
        if isinstance(node, Constant):
            return true() if node.value else false()
        if isinstance(node, Not):
            return not_(self.compile(node.child))
        if isinstance(node, And):
            return and_(*(self.compile(child) for child in node.children))
        if isinstance(node, Or):
            return or_(*(self.compile(child) for child in node.children))
        return self.leaf(node)

    # -- leaves ----------------------------------------------------------------------
    def leaf(self, leaf: Leaf) -> ColumnElement:
        name, _dot, rest = leaf.path.partition(".")
        field = self.model._fields.get(name)
        if field is None:
            raise unknown_field(self.model, name, leaf.path)
        field.check_searchable(self.env)  # every step of a path: a hidden field must not filter results
        if field.related and not field.store:
            return self.leaf(Leaf(f"{field.related}{'.' + rest if rest else ''}", leaf.operator, leaf.value))
        if not field.store:
            return self.computed_leaf(field, rest, leaf)
        if rest:
            if not field.relational:
                raise DomainError(f"Invalid path {leaf.path!r}: {self.model._name}.{name} is not a relational "
                                  "field", model=self.model._name, field=name)
            return self.relational_leaf(field, [(rest, leaf.operator, leaf.value)], "in")
        if leaf.operator in ("child_of", "parent_of", "any", "not any") and field.name != "id":
            field.check_operator(leaf.operator)  # relational fields only
        if leaf.operator in ("child_of", "parent_of"):
            from nexa.orm.hierarchy import hierarchy_condition

            return hierarchy_condition(self, field, leaf)
        if field.name == "id":
            return field.condition(self.table.c.id, leaf.operator, leaf.value, self.env)
        if leaf.operator in ("any", "not any"):
            sub = leaf.value if isinstance(leaf.value, (list, tuple)) else []
            return self.relational_leaf(field, sub, "in" if leaf.operator == "any" else "not in")
        if field.relational:
            return self.relational_value_leaf(field, leaf)
        return field.condition(self.table.c[field.name], leaf.operator, leaf.value, self.env)

    def computed_leaf(self, field: Any, rest: str, leaf: Leaf) -> ColumnElement:
        if not field.search:
            raise DomainError(f"Field {self.model._name}.{field.name} is not stored and has no search method: "
                              "it cannot be used in a domain", model=self.model._name, field=field.name)
        method = getattr(self.model, field.search)
        operator, value = leaf.operator, leaf.value
        if rest:
            operator, value = "any", [(rest, leaf.operator, leaf.value)]
        return self.compile(domains.parse(method(operator, value)))

    def comodel_ids(self, field: Any, domain: list) -> Select:
        """``SELECT id FROM comodel WHERE domain`` as the comodel's own search builds it."""
        comodel = self.env[field.comodel_name].with_context(active_test=False)
        return comodel._search_select(domain)

    def relational_leaf(self, field: Any, domain: list, membership: str) -> ColumnElement:
        """Records whose ``field`` points to at least one comodel record matching ``domain``."""
        sub = self.comodel_ids(field, list(domain))
        if field.type == "many2one":
            column = self.table.c[field.name]
            condition = column.in_(sub)
            return condition if membership == "in" else or_(not_(condition), column.is_(None))
        linked = self.linked_ids(field, sub)
        return self.table.c.id.in_(linked) if membership == "in" else self.table.c.id.not_in(linked)

    def linked_ids(self, field: Any, comodel_ids: Any) -> Select:
        """``SELECT <ids of this model> linked through the x2many field to comodel_ids``."""
        if field.type == "one2many":
            comodel = self.env[field.comodel_name]
            lines = comodel._table_obj
            inverse = lines.c[field.inverse_name]
            return select(inverse).where(lines.c.id.in_(comodel_ids), inverse.is_not(None))
        relation = field.table(self.env)
        return select(relation.c[field.column1]).where(relation.c[field.column2].in_(comodel_ids))

    def relational_value_leaf(self, field: Any, leaf: Leaf) -> ColumnElement:
        operator, value = leaf.operator, leaf.value
        if isinstance(value, str) or (operator in ("like", "ilike", "not like", "not ilike", "=like", "=ilike")):
            # ('partner_id', 'ilike', 'acme'): match the comodel's display name
            comodel = self.env[field.comodel_name]
            negative = operator in ("!=", "not like", "not ilike", "not in")
            positive = {"!=": "=", "not like": "like", "not ilike": "ilike", "not in": "in"}.get(operator, operator)
            sub_domain = comodel._name_search_domain(value, positive)
            return self.relational_leaf(field, sub_domain, "not in" if negative else "in")
        if field.type == "many2one":
            return field.condition(self.table.c[field.name], operator, value, self.env)
        # x2many compared with ids or emptiness
        empty = value is False or value is None or value == []
        if empty and operator in ("=", "!=", "<>", "in", "not in"):
            has_lines = self.table.c.id.in_(self.linked_ids(field, select(self.env[field.comodel_name]
                                                                           ._table_obj.c.id)))
            return not_(has_lines) if operator in ("=", "in") else has_lines
        ids = value if isinstance(value, (list, tuple)) else [value]
        comodel = self.env[field.comodel_name]
        lines = comodel._table_obj
        # the comodel's ``id`` field checks every value is a record id, as ``('id', 'in', ids)`` does
        sub = select(lines.c.id).where(comodel._fields["id"].condition(lines.c.id, "in", list(ids), self.env))
        linked = self.table.c.id.in_(self.linked_ids(field, sub))
        if operator in ("=", "in"):
            return linked
        if operator in ("!=", "<>", "not in"):
            return not_(linked)
        raise DomainError(f"Operator {operator!r} cannot compare {self.model._name}.{field.name} with ids",
                          model=self.model._name, field=field.name, value=operator)


def order_terms(model: Any, order: str | None) -> list[tuple[Any, bool, str | None]]:
    """``[(field, descending, nulls)]`` of an order spec, checked: known, sortable fields the user may read.

    Cheap enough to run on every search, so a search whose statement is cached still
    refuses an order on a hidden field (:mod:`nexa.orm.plans`).
    """
    order = order or model._order or "id"
    terms = []
    for term in order.split(","):
        if not term.strip():
            continue
        match = ORDER_TERM.match(term)
        if not match:
            raise DomainError(f"Invalid order {term.strip()!r} for model {model._name}: expected "
                              "'field [asc|desc] [nulls first|last]'", model=model._name, value=order)
        name, _sub, direction, nulls = match.groups()
        field = model._fields.get(name)
        if field is None:
            raise unknown_field(model, name, order)
        field.check_searchable(model.env)  # ordering by a hidden field would leak its values
        if not (field.type == "many2one" and field.store) and not field.column_stored and field.name != "id":
            raise DomainError(f"Cannot order {model._name} by {name!r}: the field is not stored",
                              model=model._name, field=name)
        terms.append((field, (direction or "asc").lower() == "desc", nulls))
    return terms


def order_by(model: Any, order: str | None, table: Any) -> tuple[list, list]:
    """The ORDER BY expressions for ``order`` and the outer joins they need.

    Ordering by a many2one orders by the comodel's own ``_order`` (one level deep).
    """
    expressions: list = []
    joins: list = []
    for field, descending, nulls in order_terms(model, order):
        name = field.name
        if field.type == "many2one" and field.store:
            comodel = model.env[field.comodel_name]
            alias = comodel._table_obj.alias(f"{table.name}__{name}")
            joins.append((alias, alias.c.id == table.c[name]))
            for column, comodel_descending in plain_order(comodel, alias):
                expression = column.desc() if comodel_descending else column.asc()
                expressions.append(expression.desc() if descending else expression)
            continue
        column = table.c[name]
        expression = column.desc() if descending else column.asc()
        if nulls:
            expression = expression.nulls_first() if nulls.lower() == "first" else expression.nulls_last()
        expressions.append(expression)
    return expressions, joins


def plain_order(model: Any, table: Any) -> list[tuple[Any, bool]]:
    """``model._order`` as ``(column of table, descending)`` pairs, its stored columns only (``id`` if none)."""
    result = []
    for term in (model._order or "id").split(","):
        match = ORDER_TERM.match(term)
        if not match:
            continue
        name, _sub, direction, _nulls = match.groups()
        field = model._fields.get(name)
        if field is not None and (field.column_stored or name == "id"):
            result.append((table.c[name], (direction or "").lower() == "desc"))
    return result or [(table.c.id, False)]

