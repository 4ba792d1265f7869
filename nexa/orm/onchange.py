"""``onchange``: what editing one field of an unsaved form changes in the others, without writing.

The web client calls it while the user edits a form (Odoo 17's signature and result)::

    order.onchange({"partner_id": 7, "line_ids": [(0, "v1", {"quantity": 2, "price": 5})]},
                   ["partner_id"], {"partner_id": {}, "amount_total": {}, "line_ids": {"fields": {...}}})
    {"value": {"amount_total": 10.0, ...}, "warning": {"title": ..., "message": ..., "type": "dialog"}}

The form's values become a **virtual record**: a record whose id is a :class:`NewId`
(negative, carrying the ``origin`` record it edits, if any) and whose values live only
in the transaction's record cache. Fields it was not given are read from the origin,
or are empty for a new record; computed fields (stored or not) are computed on it by
their own methods; ``record.field = value`` on it (in ``@api.onchange`` methods)
changes the cache only. Lines of its one2many/many2many fields are virtual records
too, so a stored total over lines being edited is computed from the edited lines.

The algorithm is Odoo 17's: snapshot the initial values, apply the changed ones,
invalidate the computed fields depending on them (``registry.dependents``), run the
``@api.onchange`` methods of the changed fields and then of any field they changed,
snapshot again, and return the difference in the shapes of ``fields_spec`` (a
many2one as its id, or ``{"id", ...subfields}`` when the spec has ``fields``; x2many
as commands relative to the lines the client sent). With no ``field_names`` (a form
just opened) defaults are applied and every field of the spec is returned.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from nexa.exceptions import ValidationError, did_you_mean
from nexa.orm import api
from nexa.orm.cache import MISSING
from nexa.orm.commands import Command

STATE = "onchange.state"


class NewId(int):
    """The id of a record that exists only in memory: negative, with the ``origin`` id it edits."""

    origin: int | None
    ref: Any

    def __new__(cls, number: int, origin: int | None = None, ref: Any = None) -> NewId:
        new = super().__new__(cls, number)
        new.origin = origin
        new.ref = ref
        return new

    def __repr__(self) -> str:
        return f"NewId({int(self)}, origin={self.origin})"


@dataclass
class _State:
    """What one onchange call keeps in the transaction while it runs."""

    virtual: dict[str, set[int]] = field(default_factory=dict)  # model -> virtual ids
    recompute: dict[Any, set[int]] = field(default_factory=dict)  # stored computed field -> ids to compute
    pinned: dict[Any, set[int]] = field(default_factory=dict)  # values given by the client or assigned
    assigned: list[tuple[str, str]] = field(default_factory=list)  # (model, field) set since last looked at


def _state(env: Any) -> _State:
    return env.transaction.data.setdefault(STATE, _State())


def new_record(model: Any, origin: int | None = None, ref: Any = None) -> Any:
    """A virtual record of ``model`` (editing the record ``origin`` when given)."""
    counter = model.env.transaction.data.setdefault("onchange.counter", itertools.count(1))
    record_id = NewId(-next(counter), origin=origin, ref=ref)
    _state(model.env).virtual.setdefault(model._name, set()).add(record_id)
    return model._browse(model.env, (record_id,), (record_id,))


def fill_virtual(records: Any, field: Any) -> None:
    """Put ``field`` of virtual ``records`` in the cache: computed, copied from the origin, or empty."""
    from nexa.orm.fetch import compute, get

    env = records.env
    state = _state(env)
    to_compute = state.recompute.get(field, set())
    if (field.compute or field.related) and (not field.store or any(
            not record_id.origin or record_id in to_compute for record_id in records._ids)):
        compute(records, field)
        return
    origins = [record_id.origin for record_id in records._ids if record_id.origin]
    source = records._browse(env, tuple(origins), tuple(origins))
    for record_id in records._ids:
        if record_id.origin:
            value = get(source._browse(env, (record_id.origin,), source._ids), field)  # one query for all
        else:
            value = () if field.type in ("one2many", "many2many") else field.to_cache(None, env)
        env.cache.set(field, record_id, value)


def assign_virtual(records: Any, field: Any, value: Any) -> None:
    """``record.field = value`` on virtual records: the cache only (dependents are marked afterwards)."""
    for record in records:
        _set(record, field, value)


# -- values in -----------------------------------------------------------------------------------------------
def _set(record: Any, field: Any, value: Any) -> None:
    """Set one value (as a client sends it, or as Python code assigns it) on a virtual record."""
    env = record.env
    record_id = record._ids[0]
    state = _state(env)
    if field.type in ("one2many", "many2many"):
        cached = _lines(record, field, value)
    elif field.type == "many2one" and isinstance(value, Mapping):
        cached = field.to_cache(value.get("id"), env)
    elif field.type == "many2one" and hasattr(value, "_ids") and value._ids and isinstance(value._ids[0], NewId):
        cached = value._ids[0]
    else:
        cached = field.to_cache(value, env)
    companion = getattr(field, "translations_field", None)
    if companion is not None and env.lang != "en_US" and cached is not None:
        from nexa.orm.fetch import get
        from nexa.orm.translation import translations_of

        env.cache.set(companion, record_id, {**translations_of(record, field), env.lang: cached})
        cached = (get(record, field) if record_id.origin else None) or cached  # the source stays
    env.cache.set(field, record_id, cached)
    state.pinned.setdefault(field, set()).add(record_id)
    state.assigned.append((field.model_name, field.name))


def _line(record: Any, field: Any, origin: int | None = None, ref: Any = None) -> Any:
    comodel = record.env[field.comodel_name]
    line = new_record(comodel, origin, ref)
    if field.type == "one2many":
        record.env.cache.set(comodel._fields[field.inverse_name], line._ids[0], record._ids[0])
    return line


def _lines(record: Any, field: Any, value: Any) -> tuple[int, ...]:
    """Apply x2many commands (or ids, or a recordset) to the virtual lines of ``record``."""
    from nexa.orm.fetch import get

    if hasattr(value, "_ids"):
        return tuple(value._ids)
    known = record.env.cache.contains(field, record._ids[0]) or record._ids[0].origin
    current = [i if isinstance(i, NewId) else _line(record, field, origin=i)._ids[0]
               for i in (get(record, field) if known else ())]
    comodel = record.env[field.comodel_name]
    clean = comodel.with_context({k: v for k, v in record.env.context.items() if not k.startswith("default_")})

    def find(line_id: Any) -> Any:
        return next((i for i in current if i == line_id or getattr(i, "origin", None) == line_id
                     or (getattr(i, "ref", None) is not None and i.ref == line_id)), None)

    for code, line_id, values in field.commands(value):
        if code == Command.CREATE:
            line = _line(record, field, ref=line_id or None)
            defaults = clean._default_values([n for n in clean._default_fields if n not in values])
            for name, item in {**defaults, **values}.items():
                _set(line, comodel._fields[name], item)
            current.append(line._ids[0])
        elif code in (Command.UPDATE, Command.LINK):
            found = find(line_id)
            if found is None:
                found = _line(record, field, origin=line_id)._ids[0]
                current.append(found)
            if code == Command.UPDATE or values:
                for name, item in (values or {}).items():
                    _set(comodel.browse(found), comodel._fields[name], item)
        elif code in (Command.DELETE, Command.UNLINK):
            found = find(line_id)
            if found is not None:
                current.remove(found)
        elif code == Command.CLEAR:
            current = []
        elif code == Command.SET:
            current = [find(i) or _line(record, field, origin=i)._ids[0] for i in values]
    return tuple(current)


def _virtual_copy(record: Any, spec: Mapping[str, Any]) -> None:
    """Make the lines of the x2many fields of ``spec`` virtual copies of the origin's lines."""
    from nexa.orm.fetch import get

    for name in spec:
        fld = record._fields[name]
        if fld.type in ("one2many", "many2many") and record._ids[0].origin:
            lines = get(record, fld)
            record.env.cache.set(fld, record._ids[0], tuple(
                i if isinstance(i, NewId) else _line(record, fld, origin=i)._ids[0] for i in lines))


# -- recomputation -------------------------------------------------------------------------------------------
def _invalidate(env: Any, changed: list[tuple[str, str]], protected: set[tuple[str, str]]) -> None:
    """Forget the computed values that depend on ``changed`` on every virtual record of the call."""
    state = _state(env)
    dependents = env.registry.dependents
    affected: set[Any] = set()
    queue = list(changed)
    while queue:
        for trigger in dependents.get(queue.pop(), ()):
            target = trigger.target
            if target not in affected:
                affected.add(target)
                queue.append((target.model_name, target.name))
    for target in affected:
        ids = state.virtual.get(target.model_name, set())
        if (target.model_name, target.name) in protected or not ids:
            continue
        env.cache.invalidate_field(target, ids)
        state.pinned.get(target, set()).difference_update(ids)
        if target.store:
            state.recompute.setdefault(target, set()).update(ids)
    for model_name, ids in state.virtual.items():  # non-stored computed fields: fresh on each read
        for fld in env[model_name]._fields.values():
            if (fld.compute or fld.related) and not fld.store:
                keep = state.pinned.get(fld, set())
                env.cache.invalidate_field(fld, [i for i in ids if i not in keep])


def _apply_methods(record: Any, field_name: str, warnings: list[tuple]) -> None:
    state = _state(record.env)
    for method_name in record._onchange_methods.get(field_name, ()):
        result = getattr(record, method_name)()
        if isinstance(result, Mapping) and result.get("warning"):
            warning = result["warning"]
            entry = (warning.get("title", ""), warning.get("message", ""), warning.get("type"))
            if entry not in warnings:
                warnings.append(entry)
        assigned, state.assigned = state.assigned, []
        if assigned:
            _invalidate(record.env, assigned, set(assigned))


# -- values out ----------------------------------------------------------------------------------------------
def _wire_id(record_id: Any) -> Any:
    if isinstance(record_id, NewId):
        return record_id.origin or record_id.ref or 0
    return record_id


def _value(record: Any, fld: Any, spec: Mapping[str, Any]) -> Any:
    from nexa.orm.fetch import get

    if fld.name == "id":
        return _wire_id(record._ids[0])
    value = get(record, fld)
    if fld.type == "many2one":
        if not value:
            return False
        if not spec.get("fields"):
            return _wire_id(value)
        target = fld.to_record(value, record)
        return {"id": _wire_id(value), **{name: _value(target, target._fields[name], sub)
                                          for name, sub in spec["fields"].items() if name != "id"}}
    return fld.to_read(value, record)


def _snapshot(record: Any, spec: Mapping[str, Any]) -> dict[str, Any]:
    """The values of ``spec`` on one record; x2many as ``{line id: line snapshot}``."""
    result: dict[str, Any] = {}
    for name, sub in spec.items():
        fld = record._fields[name]
        sub = sub or {}
        if fld.type in ("one2many", "many2many"):
            lines = getattr(record, name)
            if sub.get("context"):
                lines = lines.with_context(**sub["context"])
            result[name] = {line._ids[0]: _snapshot(line, sub.get("fields") or {}) for line in lines}
        else:
            result[name] = _value(record, fld, sub)
    return result


def _diff(model: Any, new: dict, old: dict, spec: Mapping[str, Any], *, force: bool) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, sub in spec.items():
        if name == "id" or (not force and name in old and old[name] == new[name]):
            continue
        fld = model._fields[name]
        if fld.type not in ("one2many", "many2many"):
            result[name] = new[name]
            continue
        sub_spec = (sub or {}).get("fields") or {}
        comodel = model.env[fld.comodel_name]
        before = {} if force else old.get(name) or {}
        remove = Command.DELETE if fld.type == "one2many" else Command.UNLINK
        commands: list[tuple] = [(remove, _wire_id(i), 0) for i in before if i not in new[name]]
        for line_id, line in new[name].items():
            if line_id in before:
                changes = _diff(comodel, line, before[line_id], sub_spec, force=False)
                if changes:
                    commands.append((Command.UPDATE, _wire_id(line_id), changes))
            elif isinstance(line_id, NewId) and not line_id.origin:
                commands.append((Command.CREATE, line_id.ref or 0, _diff(comodel, line, {}, sub_spec, force=True)))
            else:
                base = _snapshot(comodel.browse(_wire_id(line_id)), sub_spec)
                commands.append((Command.LINK, _wire_id(line_id), _diff(comodel, base, {}, sub_spec, force=True)))
                changes = _diff(comodel, line, base, sub_spec, force=False)
                if changes:
                    commands.append((Command.UPDATE, _wire_id(line_id), changes))
        if commands:
            result[name] = commands
    return result


def _check_names(model: Any, names: Any, what: str) -> None:
    for name in names:
        if name not in model._fields:
            hint = did_you_mean(name, model._fields)
            raise ValidationError(f"onchange on {model._name}: unknown field {name!r} in {what}{hint}",
                                  model=model._name, field=str(name))


def run_onchange(records: Any, values: Mapping[str, Any], field_names: Any, fields_spec: Any) -> dict[str, Any]:
    """Odoo 17's ``onchange`` (see the module docstring)."""
    model = records.browse()
    env = model.env
    values = dict(values or {})
    field_names = [field_names] if isinstance(field_names, str) else list(field_names or [])
    spec = {name: {} for name in fields_spec} if isinstance(fields_spec, (list, tuple)) else dict(fields_spec or {})
    _check_names(model, field_names, "field_names")
    _check_names(model, spec, "fields_spec")
    _check_names(model, values, "values")
    origin = records[:1].id if records else (values.get("id") or None)
    model._check_access("write" if origin else "create")
    if origin:
        model.browse(origin).ensure_exists()
    first_call = not field_names
    if first_call:
        field_names = [name for name in values if name != "id"]
        missing = [name for name in spec if name not in values and name != "id"]
        defaults = model.default_get(missing)
        for name in missing:
            if name in defaults:
                values[name] = defaults[name]
                field_names.append(name)
            elif not model._fields[name].compute and not model._fields[name].related:
                values[name] = False
    values.pop("id", None)
    changed = {name: values.pop(name) for name in field_names if name in values}
    saved = env.transaction.data.pop(STATE, None)
    try:
        record = new_record(model, origin)
        state = _state(env)
        _virtual_copy(record, spec)
        for name, value in values.items():
            _set(record, model._fields[name], value)
        given, state.assigned = state.assigned, []
        _invalidate(env, given, set(given))  # computed values follow what the form holds
        before = {} if first_call else _snapshot(record, spec)
        for name, value in changed.items():
            _set(record, model._fields[name], value)
        for name in field_names:
            if name in spec and not first_call:
                before[name] = _snapshot(record, {name: spec[name]})[name]
        touched = [(model._name, name) for name in (model._fields if first_call else field_names)]
        modified, state.assigned = state.assigned, []
        _invalidate(env, [*touched, *modified], {(model._name, name) for name in field_names})
        warnings: list[tuple] = []
        todo = list(dict.fromkeys([*field_names, *spec])) if first_call else field_names
        done: set[str] = set()
        while todo:
            for name in todo:
                _apply_methods(record, name, warnings)
                done.add(name)
            todo = [name for name in spec if name not in done
                    and before.get(name, MISSING) != _snapshot(record, {name: spec[name]})[name]]
        result: dict[str, Any] = {"value": _diff(model, _snapshot(record, spec), before, spec, force=first_call)}
    finally:
        env.transaction.data.pop(STATE, None)
        if saved is not None:
            env.transaction.data[STATE] = saved
    if len(warnings) == 1:
        title, message, kind = warnings[0]
        result["warning"] = {"title": title, "message": message, "type": kind or "dialog"}
    elif warnings:
        message = "\n\n".join(f"{title}\n\n{message}" for title, message, _kind in warnings)
        result["warning"] = {"title": "Warnings", "message": message, "type": "dialog"}
    return result


class OnchangeMixin:
    """``onchange``, virtual records (``new``) and ``_origin``."""

    env: Any
    _ids: tuple[int, ...]
    _name: str
    _fields: dict

    def onchange(self, values: dict, field_names: list[str], fields_spec: dict) -> dict[str, Any]:
        """The effect of changing ``field_names`` on a form holding ``values`` (nothing is written)."""
        return run_onchange(self, values, field_names, fields_spec)

    @api.private
    def new(self, values: Mapping[str, Any] | None = None, origin: Any = None) -> Any:
        """A virtual record with ``values`` (never stored), editing ``origin`` when given."""
        record = new_record(self, origin.id if hasattr(origin, "_ids") else origin)
        for name, value in (values or {}).items():
            _set(record, self._fields[name], value)
        return record

    @property
    def _origin(self) -> Any:
        """The database records these (possibly virtual) records stand for."""
        ids = tuple(i.origin if isinstance(i, NewId) else i for i in self._ids)
        ids = tuple(i for i in ids if i)
        return self._browse(self.env, ids, ids)  # type: ignore[attr-defined]

    @api.private
    def update(self, values: Mapping[str, Any]) -> None:
        """Assign several fields at once (``record.update({...})`` in onchange methods)."""
        for record in self:  # type: ignore[attr-defined]
            for name, value in values.items():
                setattr(record, name, value)
