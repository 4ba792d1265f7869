"""Hierarchies: the ``child_of`` and ``parent_of`` operators, ``parent_path``, and loops refused.

``(parent_id, "child_of", ids)`` matches the records ``ids`` and all their
descendants through the model's ``_parent_name`` field. With ``_parent_store``
the model keeps a materialised ``parent_path`` ("1/4/9/") and the test is one
``LIKE`` per root; without it, the tree is walked one level per query.
:func:`store_parent_paths` keeps ``parent_path`` up to date after create and
after a write of the parent field; :func:`check_parent_move` (with ``parent_path``) and
:func:`check_no_cycle` (without) refuse a parent that would make a loop, before anything
is written.
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
            _refuse(records, record_id, parent_id)


def check_no_cycle(records: Any, parent_id: Any) -> None:
    """Refuse a parent that is one of ``records`` or below them (models without ``parent_path``).

    Walks up from the new parent, one query per level, before anything is written.
    """
    field = records._fields.get(records._parent_name)
    if not parent_id or field is None or field.type != "many2one" or field.comodel_name != records._name:
        return
    table = records._table_obj
    parent = table.c[records._parent_name]
    moving = set(records._ids)
    seen: set[int] = set()
    current: Any = parent_id
    while current and current not in seen:
        if current in moving:
            _refuse(records, current, parent_id)
        seen.add(current)
        current = records.env.transaction.execute(select(parent).where(table.c.id == current)).scalar()


def _refuse(records: Any, record_id: int, parent_id: int) -> None:
    raise ValidationError(f"Recursion detected: {records._name}({record_id},) cannot be placed below itself: it "
                          f"would be its own ancestor ({records._parent_name} = {parent_id})", model=records._name,
                          field=records._parent_name, value=parent_id, record_ids=[record_id])


class HierarchyMixin:
    """Odoo's recursion check, for ``@api.constrains`` on relations other than the parent field."""

    env: Any
    _ids: tuple[int, ...]
    _name: str
    _fields: dict
    _parent_name: str

    def _check_recursion(self, parent: str | None = None) -> bool:
        """False when following ``parent`` (default ``_parent_name``) from any record comes back to it."""
        name = parent or self._parent_name
        field = self._fields.get(name)
        if field is None or field.type != "many2one" or field.comodel_name != self._name:
            raise ValidationError(f"_check_recursion needs a many2one of {self._name} to itself, and "
                                  f"{name!r} is not one", model=self._name, field=name)
        table = self._table_obj  # type: ignore[attr-defined]
        column = table.c[name]
        for record_id in self._ids:
            seen = {record_id}
            current = record_id
            while True:
                current = self.env.transaction.execute(select(column).where(table.c.id == current)).scalar()
                if not current:
                    break
                if current in seen:
                    return False
                seen.add(current)
        return True


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
