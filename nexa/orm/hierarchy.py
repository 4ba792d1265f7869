"""Hierarchies: the ``child_of`` and ``parent_of`` operators.

``(parent_id, "child_of", ids)`` matches the records ``ids`` and all their
descendants through the model's ``_parent_name`` field. With ``_parent_store``
the model keeps a materialised ``parent_path`` ("1/4/9/") and the test is one
``LIKE`` per root; without it, the tree is walked one level per query.
:func:`store_parent_paths` keeps ``parent_path`` up to date after create and
after a write of the parent field.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, false, func, literal, or_, select, update
from sqlalchemy.sql import ColumnElement

from nexa.exceptions import DomainError, ValidationError
from nexa.orm.domain import Leaf


def _root_ids(compiler: Any, comodel: Any, value: Any) -> list[int]:
    if isinstance(value, str):
        return list(comodel._search(comodel._name_search_domain(value, "ilike"))._ids)
    if isinstance(value, int):
        return [value]
    if isinstance(value, (list, tuple)):
        return [int(v) for v in value if v]
    if hasattr(value, "_ids"):
        return list(value._ids)
    raise DomainError(f"Invalid value {value!r} for operator child_of/parent_of", value=value)


def hierarchy_condition(compiler: Any, field: Any, leaf: Leaf) -> ColumnElement:
    """SQL for ``(field, child_of|parent_of, value)`` compiled by ``compiler``."""
    is_self = field.name == "id"
    comodel = compiler.model if is_self else compiler.env[field.comodel_name]
    comodel = comodel.with_context(active_test=False).sudo()
    parent_name = comodel._parent_name
    if parent_name not in comodel._fields:
        raise DomainError(f"Operator {leaf.operator!r} needs a hierarchy: model {comodel._name} has no "
                          f"field {parent_name!r}", model=comodel._name, field=parent_name)
    roots = _root_ids(compiler, comodel, leaf.value)
    if leaf.operator == "child_of":
        ids = descendants(comodel, roots)
    else:
        ids = ancestors(comodel, roots)
    if field.name == "id":
        column = compiler.table.c.id
    elif field.type == "many2one":
        column = compiler.table.c[field.name]
    else:
        sub = select(comodel._table_obj.c.id).where(comodel._table_obj.c.id.in_(ids))
        return compiler.table.c.id.in_(compiler.linked_ids(field, sub))
    return column.in_(ids) if ids else false()


def descendants(model: Any, roots: list[int]) -> list[int]:
    """``roots`` and every record below them."""
    if not roots:
        return []
    table = model._table_obj
    tx = model.env.transaction
    if model._parent_store and "parent_path" in table.c:
        paths = [row[0] for row in tx.execute(select(table.c.parent_path).where(table.c.id.in_(roots)))]
        if not paths:
            return []
        condition = or_(*(table.c.parent_path.like(f"{path}%") for path in paths if path))
        return [row[0] for row in tx.execute(select(table.c.id).where(condition))]
    parent = table.c[model._parent_name]
    found: set[int] = set(roots)
    frontier = list(roots)
    while frontier:
        children = [row[0] for row in tx.execute(select(table.c.id).where(parent.in_(frontier)))]
        frontier = [child for child in children if child not in found]
        found.update(frontier)
    return sorted(found)


def ancestors(model: Any, roots: list[int]) -> list[int]:
    """``roots`` and every record above them."""
    table = model._table_obj
    tx = model.env.transaction
    parent = table.c[model._parent_name]
    found: set[int] = set(roots)
    frontier = list(roots)
    while frontier:
        parents = [row[0] for row in tx.execute(select(parent).where(table.c.id.in_(frontier))) if row[0]]
        frontier = [p for p in parents if p not in found]
        found.update(frontier)
    return sorted(found)


def check_parent_move(records: Any, parent_id: int | None) -> None:
    """Refuse to place any of ``records`` below itself (before the parent field is written)."""
    if not parent_id:
        return
    table = records._table_obj
    paths = {row[0]: row[1] for row in records.env.transaction.execute(
        select(table.c.id, table.c.parent_path).where(table.c.id.in_([*records._ids, parent_id])))}
    target = paths.get(parent_id) or ""
    for record_id in records._ids:
        if record_id == parent_id or (paths.get(record_id) and target.startswith(paths[record_id])):
            raise ValidationError(f"Recursion detected: {records._name}({record_id},) cannot be placed below "
                                  f"itself ({records._parent_name} = {parent_id})", model=records._name,
                                  field=records._parent_name, value=parent_id, record_ids=[record_id])


def store_parent_paths(records: Any, *, created: bool) -> None:
    """Set the ``parent_path`` of ``records`` (and, for a move, of every record below them).

    New records have no children yet: one query reads their parents' paths and one
    ``executemany`` stores theirs. A record moved under another parent rewrites the
    prefix of its whole subtree with one ``UPDATE`` (:func:`check_parent_move` ran before).
    """
    table = records._table_obj
    parent = table.c[records._parent_name]
    tx = records.env.transaction
    path_field = records._fields["parent_path"]
    if created:
        rows = list(tx.execute(select(table.c.id, parent).where(table.c.id.in_(records._ids))))
        parent_ids = {parent_id for _id, parent_id in rows if parent_id}
        paths = {row[0]: row[1] for row in tx.execute(
            select(table.c.id, table.c.parent_path).where(table.c.id.in_(parent_ids)))} if parent_ids else {}
        statement = update(table).where(table.c.id == bindparam("_id")).values(parent_path=bindparam("_path"))
        tx.execute(statement, [{"_id": record_id, "_path": f"{paths.get(parent_id) or ''}{record_id}/"}
                               for record_id, parent_id in rows])
    else:
        above = table.alias("above")
        for record_id in records._ids:
            old, parent_path = tx.execute(
                select(table.c.parent_path, above.c.parent_path)
                .select_from(table.outerjoin(above, above.c.id == parent)).where(table.c.id == record_id)).one()
            new = f"{parent_path or ''}{record_id}/"
            moved = table.c.id == record_id
            if old:
                moved = or_(moved, table.c.parent_path.like(f"{old}%"))
            tx.execute(update(table).where(moved).values(
                parent_path=literal(new) + func.coalesce(func.substr(table.c.parent_path, len(old or "") + 1), "")))
    records.env.cache.invalidate_field(path_field)
