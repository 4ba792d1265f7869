"""Stored computed fields and constraints: what runs after a create or a write.

The registry turns every ``@api.depends`` of a stored computed field into
*triggers*: "when field ``f`` of model ``M`` changes, recompute ``target`` on the
records reached from the changed ones through ``path``". After an operation,
:func:`after_change` collects the records to recompute per field (one search
per trigger, never one per record), computes them in batch and writes the new
values with one ``executemany`` per field, repeating until nothing is left
(computed fields may depend on computed fields). Then the ``@api.constrains``
checks of the changed fields run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, update

from nexa.exceptions import ValidationError

MAX_ROUNDS = 50


@dataclass(frozen=True)
class Trigger:
    """Recompute ``target`` on the records whose ``path`` leads to the changed records."""

    target: Any  # the stored computed field
    path: str  # dotted path from target's model to the changed model ("" = same records)


def pending(env: Any) -> dict[Any, set[int]]:
    """The fields and record ids waiting for recomputation in this transaction."""
    return env.transaction.data.setdefault("recompute", defaultdict(set))


def collect(records: Any, names: set[str], *, created: bool) -> None:
    """Mark the stored computed fields that ``names`` changing on ``records`` invalidates."""
    registry = records.env.registry
    todo = pending(records.env)
    if created:
        for field in records._stored_computed:
            todo[field].update(records._ids)
    for name in names:
        for trigger in registry.triggers.get((records._name, name), ()):
            if not trigger.path:
                todo[trigger.target].update(records._ids)
                continue
            model = records.env[trigger.target.model_name].sudo().with_context(active_test=False)
            found = model._search([(trigger.path, "in", list(records._ids))])
            todo[trigger.target].update(found._ids)


def recompute(env: Any) -> None:
    """Compute and store every pending field, in batch, until nothing is pending."""
    todo = pending(env)
    for _round in range(MAX_ROUNDS):
        if not todo:
            return
        field, ids = next(iter(todo.items()))
        del todo[field]
        model = env[field.model_name].sudo().with_context(active_test=False)
        records = model.browse(sorted(ids)).exists()
        if records:
            _store(records, field)
    raise ValidationError(f"Stored computed fields keep triggering each other after {MAX_ROUNDS} rounds: "
                          f"{sorted({f'{f.model_name}.{f.name}' for f in todo})}")


def _store(records: Any, field: Any) -> None:
    from nexa.orm.fetch import compute

    env = records.env
    fields = [f for f in records._stored_computed if f.compute == field.compute] or [field]
    for same in fields:
        env.cache.invalidate_field(same, records._ids)
    compute(records, field)
    table = records._table_obj
    for same in fields:
        if same.type in ("one2many", "many2many"):
            continue
        statement = update(table).where(table.c.id == bindparam("_id")).values({same.name: bindparam("_value")})
        params = [{"_id": record_id, "_value": same.to_column(env.cache.get(same, record_id))}
                  for record_id in records._ids]
        env.transaction.execute(statement, params)
    collect(records, {f.name for f in fields}, created=False)
    run_constraints(records, {f.name for f in fields})


def run_constraints(records: Any, names: set[str]) -> None:
    """Call the ``@api.constrains`` methods watching any of ``names``."""
    for method_name, watched in records._constraint_methods:
        if names & watched:
            getattr(records, method_name)()


def after_change(records: Any, names: set[str], *, created: bool) -> None:
    """Everything that follows a create or write: recomputation, then constraints."""
    if not records._ids:
        return
    collect(records, names, created=created)
    recompute(records.env)
    watched = set(records._fields) if created else names
    run_constraints(records, watched)
