"""Stored computed fields and constraints: what runs after a create, a write or an unlink.

The registry turns every ``@api.depends`` of a stored computed field into
*triggers*: "when field ``f`` of model ``M`` changes, recompute ``target`` on the
records reached from the changed ones through ``path``". After an operation,
:func:`after_change` collects the records to recompute per field (one search
per distinct trigger, never one per record), computes them in batch and writes
the values that changed with one ``executemany`` per field, repeating until
nothing is left (computed fields may depend on computed fields, across models).
Fields are taken in dependency order (``compute_depth``), so a field is computed
after the computed fields it reads. Then the ``@api.constrains`` checks of the
changed fields run.

A change can also *detach* records from a path: moving a line to another order
changes the total of the old order too, and deleting a line changes its order's.
:func:`collect_before` runs before such writes and before an unlink, while the
path still leads to the records that are about to lose the link.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, update

from nexa.exceptions import ValidationError
from nexa.orm.commands import Command

#: How many times one field may be recomputed during one operation before it is called a loop.
MAX_RECOMPUTES = 50


@dataclass(frozen=True)
class Trigger:
    """Recompute ``target`` on the records whose ``path`` leads to the changed records."""

    target: Any  # the computed field
    path: str  # dotted path from target's model to the changed model ("" = same records)


def pending(env: Any) -> dict[Any, set[int]]:
    """The fields and record ids waiting for recomputation in this transaction."""
    return env.transaction.data.setdefault("recompute", defaultdict(set))


def _reached(records: Any, trigger: Trigger) -> tuple[int, ...]:
    """Ids of ``trigger.target``'s model whose ``trigger.path`` leads to ``records`` (one search)."""
    if not trigger.path:
        return records._ids
    model = records.env[trigger.target.model_name].sudo().with_context(active_test=False)
    return model._search([(trigger.path, "in", list(records._ids))])._ids


def _mark(records: Any, triggers: Iterable[Trigger]) -> None:
    todo = pending(records.env)
    by_path: dict[tuple[str, str], list[Trigger]] = {}
    for trigger in dict.fromkeys(triggers):
        by_path.setdefault((trigger.target.model_name, trigger.path), []).append(trigger)
    for same_path in by_path.values():  # one search per (model, path), whatever the number of fields
        found = _reached(records, same_path[0])
        if found:
            for trigger in same_path:
                todo[trigger.target].update(found)


def collect(records: Any, names: Iterable[str], *, created: bool) -> None:
    """Mark the stored computed fields that ``names`` changing on ``records`` invalidates."""
    if not records._ids:
        return
    triggers = records.env.registry.triggers
    if created:
        todo = pending(records.env)
        for field in records._stored_computed:
            todo[field].update(records._ids)
    _mark(records, [trigger for name in names for trigger in triggers.get((records._name, name), ())])


def collect_before(records: Any, names: Iterable[str] | None) -> None:
    """Before a change of the relational fields ``names`` (``None``: an unlink), mark what it detaches.

    Only triggers with a path matter: the records reached through it are the ones the
    change may take away (the old order of a moved line, the order of a deleted line).
    """
    if not records._ids:
        return
    triggers = records.env.registry.triggers
    names = records._fields if names is None else names
    _mark(records, [trigger for name in names for trigger in triggers.get((records._name, name), ())
                    if trigger.path])


def _priority(field: Any) -> tuple[int, str, str]:
    return (field.compute_depth, field.model_name, field.name)


def recompute(env: Any) -> None:
    """Compute and store every pending field, in batch and dependency order, until nothing is pending."""
    todo = pending(env)
    rounds: Counter = Counter()
    existing = _ExistingIds(env, todo)
    try:
        while todo:
            field = min(todo, key=_priority)
            ids = todo.pop(field)
            rounds[field] += 1
            if rounds[field] > MAX_RECOMPUTES:
                raise ValidationError(
                    f"Stored computed field {field.model_name}.{field.name} was recomputed {MAX_RECOMPUTES} times "
                    "in one operation: its dependencies loop through the data (check its @api.depends)",
                    model=field.model_name, field=field.name)
            model = env[field.model_name].sudo().with_context(active_test=False)
            records = model.browse(sorted(existing.among(field.model_name, ids)))
            if records:
                _store(records, field, todo)
    except BaseException:
        todo.clear()  # the operation failed: nothing it asked for is still due
        raise


class _ExistingIds:
    """Which pending records still exist (deleted ones, cascades included, are not computed).

    One query per model for every id pending on any of its fields, instead of one per
    field: a model with three stored computed fields costs one existence check. A record
    found once stays found for the rest of the recompute (compute methods do not delete).
    """

    def __init__(self, env: Any, todo: dict[Any, set[int]]) -> None:
        self.env = env
        self.todo = todo
        self.checked: dict[str, set[int]] = defaultdict(set)
        self.found: dict[str, set[int]] = defaultdict(set)

    def among(self, model_name: str, ids: set[int]) -> set[int]:
        unknown = ids - self.checked[model_name]
        if unknown:
            for field, pending_ids in self.todo.items():
                if field.model_name == model_name:
                    unknown |= pending_ids - self.checked[model_name]
            from nexa.orm.fetch import existing_ids

            self.found[model_name] |= existing_ids(self.env, model_name, unknown)
            self.checked[model_name] |= unknown
        return ids & self.found[model_name]


def _store(records: Any, field: Any, todo: dict[Any, set[int]]) -> None:
    """Compute ``field`` (and the fields its method also computes) and write the values that changed."""
    from nexa.orm.fetch import compute, fetch_columns

    env = records.env
    cache = env.cache
    if isinstance(field.compute, str):
        fields = [f for f in records._stored_computed if f.compute == field.compute]
    else:
        fields = [field]
    columns = [f for f in fields if f.column_stored]
    stale = [f for f in columns if cache.missing_ids(f, records._ids)]
    if stale:
        fetch_columns(records, stale)
    old = {f: {record_id: cache.get(f, record_id) for record_id in records._ids} for f in columns}
    relations = [f for f in fields if f.type == "many2many" and f.store and not f.column_stored]
    old_links = {f: f.fetch(env, list(records._ids)) for f in relations}
    for same in fields:
        cache.invalidate_field(same, records._ids)
    compute(records, field)
    table = records._table_obj
    changed_ids: set[int] = set()
    changed_names: set[str] = set()
    for same in columns:
        params = [{"_id": record_id, "_value": same.to_column(cache.get(same, record_id))}
                  for record_id in records._ids if cache.get(same, record_id) != old[same][record_id]]
        if params:
            statement = update(table).where(table.c.id == bindparam("_id")).values(
                {same.name: bindparam("_value")})
            env.transaction.execute(statement, params)
            changed_ids.update(param["_id"] for param in params)
            changed_names.add(same.name)
    for same in relations:  # a stored many2many lives in its relation table
        new_links = {record_id: cache.get(same, record_id) for record_id in records._ids}
        moved = [record_id for record_id in records._ids
                 if set(new_links[record_id]) != set(old_links[same][record_id])]
        if moved:
            same.apply_each(records.browse(moved), [[Command.set(new_links[record_id])] for record_id in moved])
            changed_ids.update(moved)
            changed_names.add(same.name)
    for same in fields:
        if same is not field and same in todo:
            todo[same].difference_update(records._ids)
            if not todo[same]:
                del todo[same]
    if changed_ids:
        changed = records.browse(sorted(changed_ids))
        collect(changed, changed_names, created=False)
        run_constraints(changed, changed_names)


def run_constraints(records: Any, names: set[str]) -> None:
    """Call the ``@api.constrains`` methods watching any of ``names``.

    A ValidationError they raise is completed with the model, the records and the
    field it is about, so that the message says where the problem is.
    """
    for method_name, watched in records._constraint_methods:
        hit = names & watched
        if not hit:
            continue
        try:
            getattr(records, method_name)()
        except ValidationError as error:
            raise locate(error, records, sorted(hit)[0]) from None


def locate(error: ValidationError, records: Any, field_name: str) -> ValidationError:
    """``error`` naming the records and the field it is about (once, even when nested)."""
    if getattr(error, "_located", False):
        return error
    error.model = error.model or records._name
    error.field = error.field or field_name
    error.record_ids = error.record_ids or list(records._ids)
    error.details.update(model=error.model, field=error.field, record_ids=error.record_ids)
    label = records._fields[error.field].string if error.field in records._fields else error.field
    shown = error.record_ids[:5]
    more = "..." if len(error.record_ids) > 5 else ""
    error.message = (f"{error.message} (record {error.model}({', '.join(map(str, shown))}{more}), "
                     f"field '{label}' ({error.field}))")
    error.args = (error.message,)
    error._located = True  # type: ignore[attr-defined]
    return error


def after_change(records: Any, names: set[str], *, created: bool) -> None:
    """Everything that follows a create or write: recomputation, then constraints."""
    if not records._ids:
        return
    collect(records, names, created=created)
    recompute(records.env)
    watched = set(records._fields) if created else names
    run_constraints(records, watched)
