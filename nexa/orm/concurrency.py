"""Optimistic concurrency, field by field: refuse a write only where it would overwrite someone's change.

Two users open the same order. Ann changes the customer and saves; Bob changes the
delivery date and saves. Nothing is lost, so both writes pass. Had Bob changed the
customer too, his save would silently undo Ann's: that write is refused instead,
and Bob sees both values. Odoo (no check since 16.0) lets the last write win;
Tryton and Frappe refuse Bob's write whatever fields it touches.

The protocol. A client that wants the check sends, in the context of ``write``, the
values it read for the fields it is changing::

    records.with_context(write_versions={"sale.order,7": {"partner_id": [3, "Ann"], "note": "old"}})
           .write({"partner_id": 5, "note": "new"})

``write_versions`` maps ``"model,id"`` (Odoo's ``__last_update`` keys) to the
*version* of each field the client based its change on, which is the value it read,
exactly as ``read`` returned it. For every written field listed there, the current
value is compared with that version:

* unchanged since the read: the write goes through;
* changed by someone else to what this write sets anyway: no conflict either;
* changed to something else: :class:`~nexa.exceptions.ConflictError`, whose
  ``conflicts`` is ``{field: {"old": what the client read, "theirs": the current
  value, "mine": what this write sets}}`` (wire shapes), for the first record in
  conflict; ``context["records"]`` has the conflicts of every record in conflict.

Fields written without a version, and records without an entry, are not checked;
fields changed by others but not written now merge silently. The current values are
read with ``SELECT ... FOR UPDATE`` on PostgreSQL, so a concurrent writer waits and
the check and the write see the same row. Comparing values rather than keeping a
version counter per field means no extra column, no journal, and no cost at all for
writes that do not ask for the check; a field changed and changed back counts as
unchanged, which is what the user cares about.

Over RPC the error arrives as ``nexa.exceptions.ConflictError`` with the conflicts in
``data.context`` (``{"conflicts": ..., "records": ..., "model": ...}``), the place
Odoo's error serialisation reserves for structured details.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from nexa.exceptions import ConflictError, ValidationError
from nexa.orm.commands import Command

CONTEXT_KEY = "write_versions"


def _versions_of(records: Any) -> dict[int, dict[str, Any]]:
    """``{id: {field: version}}`` of ``records`` found in the context's ``write_versions``."""
    versions = records.env.context.get(CONTEXT_KEY)
    if not versions:
        return {}
    if not isinstance(versions, Mapping):
        raise ValidationError(f"{CONTEXT_KEY} must map 'model,id' to {{field: value read}}, got {versions!r}",
                              model=records._name, value=versions)
    found = {}
    for record_id in records._ids:
        entry = versions.get(f"{records._name},{record_id}")
        if entry:
            if not isinstance(entry, Mapping):
                raise ValidationError(f"{CONTEXT_KEY}['{records._name},{record_id}'] must be a dict of the "
                                      f"values read, got {entry!r}", model=records._name, value=entry)
            found[record_id] = dict(entry)
    return found


def _normal(field: Any, value: Any, env: Any) -> Any:
    """A comparable form of a wire value (or of a value given to ``write``) of ``field``."""
    if field.type in ("one2many", "many2many"):
        if hasattr(value, "_ids"):
            return frozenset(value._ids)
        if isinstance(value, (list, tuple)) and all(isinstance(v, int) for v in value):
            return frozenset(value)
        commands = field.commands(value)
        if len(commands) == 1 and commands[0][0] == Command.SET:
            return frozenset(commands[0][2])
        if len(commands) == 1 and commands[0][0] == Command.CLEAR:
            return frozenset()
        return None  # other commands: compared as "different"
    if field.type == "many2one" and isinstance(value, Mapping):
        value = value.get("id")
    try:
        return field.to_cache(value, env)
    except ValidationError:
        return ("unreadable", repr(value))


def _wire(field: Any, value: Any, record: Any) -> Any:
    """What a client would read for ``value`` given to ``write`` (``mine`` in a conflict)."""
    if field.type in ("one2many", "many2many"):
        normal = _normal(field, value, record.env)
        return sorted(normal) if normal is not None else value
    try:
        cached = field.to_cache(value, record.env)
    except ValidationError:
        return value
    if field.type == "many2one":
        return cached or False
    if getattr(field, "translations_field", None) is not None:
        return cached or False  # the text as written, in the context's language
    return field.to_read(cached, record)


def check_write_versions(records: Any, values: Mapping[str, Any]) -> None:
    """Raise ConflictError when a field ``values`` writes changed since the version the client sent."""
    versions = _versions_of(records)
    if not versions:
        return
    names = sorted({name for entry in versions.values() for name in entry if name in values
                    and name in records._fields})
    if not names:
        return
    env = records.env
    table = records._table_obj
    ids = sorted(versions)
    env.transaction.execute(select(table.c.id).where(table.c.id.in_(ids)).with_for_update())
    current = records.browse(ids).sudo()
    env.cache.invalidate_records([records._fields[name] for name in names], ids)
    theirs = {row["id"]: row for row in current.read(names)}
    found: dict[int, dict[str, dict[str, Any]]] = {}
    for record_id in ids:
        record = records.browse(record_id)
        for name in names:
            if name not in versions[record_id] or record_id not in theirs:
                continue
            field = records._fields[name]
            old, now, mine = versions[record_id][name], theirs[record_id][name], values[name]
            old_n, now_n, mine_n = (_normal(field, v, env) for v in (old, now, mine))
            if old_n != now_n and now_n != mine_n:
                found.setdefault(record_id, {})[name] = {"old": old, "theirs": now,
                                                         "mine": _wire(field, mine, record)}
    if found:
        first = min(found)
        fields = ", ".join(found[first])
        error = ConflictError(
            f"{records._description or records._name} ({records._name},{first}) was changed by someone else since "
            f"you read it: {fields}. Reload it, or write again with the values it has now.",
            model=records._name, record_ids=sorted(found), conflicts=found[first])
        error.context = {"model": records._name, "conflicts": found[first],  # type: ignore[attr-defined]
                         "records": {str(record_id): item for record_id, item in found.items()}}
        raise error
