"""Search domains: Odoo's prefix notation, parsed into a small tree.

A domain is a list of leaves ``(field_path, operator, value)`` combined with the
prefix operators ``"&"`` (and, the default between consecutive terms), ``"|"``
(or) and ``"!"`` (not)::

    ["|", ("name", "ilike", "acme"), "&", ("is_company", "=", True), ("active", "=", True)]

:func:`parse` checks the shape and turns it into :class:`And`, :class:`Or`,
:class:`Not` and :class:`Leaf` nodes; :mod:`nexa.orm.query` compiles those into
SQLAlchemy expressions with bound parameters only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nexa.exceptions import DomainError
from nexa.orm.fields.base import OPERATORS

TRUE_LEAF = (1, "=", 1)
FALSE_LEAF = (0, "=", 1)


@dataclass(frozen=True)
class Leaf:
    path: str
    operator: str
    value: Any


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class Constant:
    value: bool


Node = Leaf | And | Or | Not | Constant


def _is_leaf(term: Any) -> bool:
    return isinstance(term, (list, tuple)) and len(term) == 3 and not isinstance(term, str)


def _check_leaf(term: Sequence) -> Node:
    path, operator, value = term
    if tuple(term) == TRUE_LEAF:
        return Constant(True)
    if tuple(term) == FALSE_LEAF:
        return Constant(False)
    if not isinstance(path, str) or not path:
        raise DomainError(f"Invalid domain leaf {list(term)!r}: the first element must be a field name", value=term)
    if not isinstance(operator, str) or operator.lower() not in OPERATORS:
        raise DomainError(f"Invalid operator {operator!r} in domain leaf {list(term)!r}; "
                          f"use one of {', '.join(OPERATORS)}", value=operator)
    return Leaf(path, operator.lower(), value)


def parse(domain: Any) -> Node:
    """Parse ``domain`` into a tree; an empty domain is ``Constant(True)``."""
    if domain is None or domain is False:
        domain = []
    if not isinstance(domain, (list, tuple)):
        raise DomainError(f"A domain must be a list, got {domain!r}", value=domain)
    if _is_leaf(domain) and isinstance(domain[0], str) and domain[0] not in ("&", "|", "!"):
        domain = [domain]  # a single leaf given without its list
    stack: list[Node] = []
    for term in reversed(domain):
        if term in ("&", "|"):
            if len(stack) < 2:
                raise DomainError(f"Domain operator {term!r} needs two terms after it in {list(domain)!r}",
                                  value=domain)
            left, right = stack.pop(), stack.pop()
            stack.append(And((left, right)) if term == "&" else Or((left, right)))
        elif term == "!":
            if not stack:
                raise DomainError(f"Domain operator '!' needs a term after it in {list(domain)!r}", value=domain)
            stack.append(Not(stack.pop()))
        elif _is_leaf(term):
            stack.append(_check_leaf(term))
        else:
            raise DomainError(f"Invalid domain term {term!r}: expected '&', '|', '!' or a "
                              "(field, operator, value) leaf", value=term)
    if not stack:
        return Constant(True)
    stack.reverse()
    return stack[0] if len(stack) == 1 else And(tuple(stack))


def normalize(domain: Any) -> list:
    """``domain`` in prefix form with every '&' explicit (an empty domain stays empty)."""
    tree = parse(domain)
    if isinstance(tree, Constant) and tree.value and not domain:
        return []
    return to_list(tree)


def to_list(node: Node) -> list:
    """The prefix list form of a tree."""
    if isinstance(node, Leaf):
        return [(node.path, node.operator, node.value)]
    if isinstance(node, Constant):
        return [TRUE_LEAF if node.value else FALSE_LEAF]
    if isinstance(node, Not):
        return ["!", *to_list(node.child)]
    operator = "&" if isinstance(node, And) else "|"
    result: list = [operator] * (len(node.children) - 1)
    for child in node.children:
        result.extend(to_list(child))
    return result


def AND(domains: Sequence[Any]) -> list:
    """The conjunction of several domains."""
    parts = [parse(d) for d in domains if d]
    if not parts:
        return []
    return to_list(parts[0] if len(parts) == 1 else And(tuple(parts)))


def OR(domains: Sequence[Any]) -> list:
    """The disjunction of several domains (an empty list of domains matches nothing)."""
    parts = [parse(d) for d in domains]
    if not parts:
        return [FALSE_LEAF]
    return to_list(parts[0] if len(parts) == 1 else Or(tuple(parts)))


def mentions_field(node: Node, name: str) -> bool:
    """True when a leaf of the tree starts with field ``name`` (e.g. "active")."""
    if isinstance(node, Leaf):
        return node.path.split(".", 1)[0] == name
    if isinstance(node, Not):
        return mentions_field(node.child, name)
    if isinstance(node, (And, Or)):
        return any(mentions_field(child, name) for child in node.children)
    return False
