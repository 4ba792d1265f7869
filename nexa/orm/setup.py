"""Checks and derived tables computed once per model class when a registry is built.

Definition mistakes are collected as :class:`~nexa.problems.Problem` objects
(ids ``models.E0xx``) and reported together: a comodel nobody defines, a
one2many whose inverse is not a many2one back, a related path or ``@depends``
naming an unknown field, a compute method that does not exist, dependencies that
loop.
"""

from __future__ import annotations

from typing import Any

from nexa.exceptions import ModelDefinitionError, did_you_mean
from nexa.problems import Problem


def _walk(registry: Any, model_name: str, path: str) -> tuple[list[tuple[str, Any]], str | None]:
    """Follow a dotted path; returns [(model, field)] and an error text (None when valid)."""
    steps = []
    current = model_name
    names = path.split(".")
    for position, name in enumerate(names):
        model = registry.models.get(current)
        if model is None:
            return steps, f"model {current!r} is not defined"
        field = model._fields.get(name)
        if field is None:
            return steps, f"model {current} has no field {name!r}{did_you_mean(name, model._fields)}"
        steps.append((current, field))
        if position < len(names) - 1:
            if not field.relational:
                return steps, f"{current}.{name} is not relational, so {path!r} cannot continue after it"
            current = field.comodel_name
    return steps, None


def check_model(cls: Any, registry: Any) -> list[Problem]:
    """Every problem with the fields and methods of one model class."""
    problems = []
    obj = f"model {cls._name} (addons {', '.join(cls._addons)})"
    for name, field in cls._fields.items():
        where = f"{obj}, field {name}"
        if field.relational and field.comodel_name not in registry.models:
            problems.append(Problem("models.E001", f"comodel {field.comodel_name!r} is not defined by any "
                                    "installed addon", where,
                                    did_you_mean(field.comodel_name, registry.models, bare=True)))
            continue
        if field.type == "one2many" and not field.related and not field.compute:
            comodel = registry.models[field.comodel_name]
            inverse = comodel._fields.get(field.inverse_name)
            if inverse is None or inverse.type != "many2one" or inverse.comodel_name != cls._name:
                problems.append(Problem("models.E002", f"inverse_name {field.inverse_name!r} must be a many2one "
                                        f"of {field.comodel_name} pointing to {cls._name}", where,
                                        did_you_mean(field.inverse_name, comodel._fields, bare=True)))
        if field.related:
            _steps, error = _walk(registry, cls._name, field.related)
            if error:
                problems.append(Problem("models.E003", f"related path {field.related!r} is invalid: {error}",
                                        where))
        if isinstance(field.compute, str) and not callable(getattr(cls, field.compute, None)):
            problems.append(Problem("models.E004", f"compute method {field.compute!r} does not exist", where,
                                    did_you_mean(field.compute, dir(cls), bare=True)))
        for option in ("inverse", "search"):
            method = getattr(field, option)
            if isinstance(method, str) and not callable(getattr(cls, method, None)):
                problems.append(Problem("models.E005", f"{option} method {method!r} does not exist", where))
        for path in () if field.related else field_depends(cls, field):  # related paths: E003 above
            _steps, error = _walk(registry, cls._name, path)
            if error:
                problems.append(Problem("models.E006", f"@depends({path!r}) is invalid: {error}", where))
    if cls._rec_name and cls._rec_name not in cls._fields:
        problems.append(Problem("models.E007", f"_rec_name {cls._rec_name!r} is not a field", obj,
                                did_you_mean(cls._rec_name, cls._fields, bare=True)))
    return problems


def field_depends(cls: Any, field: Any) -> tuple[str, ...]:
    """The ``@depends`` paths of a computed field's method."""
    if field.related:
        return (field.related,)
    if not isinstance(field.compute, str):
        return ()
    method = getattr(cls, field.compute, None)
    depends = getattr(method, "_depends", ())
    if depends and callable(depends[0]):
        depends = tuple(depends[0](cls))
    return tuple(depends)


def constraint_methods(cls: Any) -> list[tuple[str, frozenset[str]]]:
    """``[(method name, watched fields)]`` of the ``@api.constrains`` methods of a model."""
    found = {}
    for klass in reversed(cls.__mro__):
        for name, value in klass.__dict__.items():
            watched = getattr(value, "_constrains", None)
            if watched:
                found[name] = frozenset(watched)
    return sorted(found.items())


def onchange_methods(cls: Any) -> dict[str, list[str]]:
    """``{field: [method names]}`` of the ``@api.onchange`` methods of a model, in definition order."""
    methods: dict[str, tuple[str, ...]] = {}
    for klass in reversed(cls.__mro__):
        for name, value in klass.__dict__.items():
            if getattr(value, "_onchange", None):
                methods[name] = value._onchange
    found: dict[str, list[str]] = {}
    for name, watched in methods.items():
        for field_name in watched:
            found.setdefault(field_name, []).append(name)
    return found


def _dependency_triggers(registry: Any) -> tuple[list[tuple[tuple[str, str], Any]], dict[Any, set[Any]]]:
    """Every ``((model, field name), Trigger)`` pair of every computed field, and the compute graph."""
    from nexa.orm.compute import Trigger

    pairs: list[tuple[tuple[str, str], Trigger]] = []
    edges: dict[Any, set[Any]] = {}
    for cls in registry.models.values():
        for field in cls._fields.values():
            if not (field.compute or field.related):
                continue
            for path in field_depends(cls, field):
                steps, _error = _walk(registry, cls._name, path)
                names = path.split(".")
                for position, (model_name, step_field) in enumerate(steps):
                    prefix = ".".join(names[:position])
                    pairs.append(((model_name, step_field.name), Trigger(field, prefix)))
                    if position < len(steps) - 1:
                        inverse_path = ".".join(names[:position + 1])
                        for inverse in _inverses(registry, step_field):
                            pairs.append(((step_field.comodel_name, inverse), Trigger(field, inverse_path)))
                if steps and (steps[-1][1].compute or steps[-1][1].related):
                    edges.setdefault(field, set()).add(steps[-1][1])
    return pairs, edges


def _inverses(registry: Any, field: Any) -> list[str]:
    """Fields of the comodel whose change changes ``field``'s value (a one2many's many2one, the other side
    of a many2many)."""
    if field.type == "one2many":
        return [field.inverse_name]
    if field.type == "many2many" and getattr(field, "relation", None):
        comodel = registry.models[field.comodel_name]
        return [other.name for other in comodel._fields.values() if other.type == "many2many"
                and other.relation == field.relation and other.column1 == field.column2 and other is not field]
    return []


def depends_triggers(registry: Any) -> dict[tuple[str, str], list[Any]]:
    """Invert every stored computed field's ``@depends`` into triggers (see nexa.orm.compute).

    Also checks the dependencies for cycles and gives each computed field its
    ``compute_depth`` (0 when it reads no computed field), the order recomputation follows.
    """
    pairs, edges = _dependency_triggers(registry)
    _check_cycles(edges)
    _set_depths(edges)
    triggers: dict[tuple[str, str], list[Any]] = {}
    for key, trigger in pairs:
        if trigger.target.store:
            triggers.setdefault(key, []).append(trigger)
    return triggers


def field_dependents(registry: Any) -> dict[tuple[str, str], list[Any]]:
    """Like :func:`depends_triggers` for every computed field, stored or not (used by ``onchange``)."""
    dependents: dict[tuple[str, str], list[Any]] = {}
    for key, trigger in _dependency_triggers(registry)[0]:
        dependents.setdefault(key, []).append(trigger)
    return dependents


def _set_depths(edges: dict[Any, set[Any]]) -> None:
    depth: dict[Any, int] = {}

    def visit(node: Any) -> int:
        if node not in depth:
            depth[node] = 0  # a recursive field's edge to itself counts for nothing
            depth[node] = max((visit(target) + 1 for target in edges.get(node, ()) if target is not node),
                              default=0)
        return depth[node]

    for node in list(edges):
        node.compute_depth = visit(node)
        for target in edges[node]:
            target.compute_depth = visit(target)


def _check_cycles(edges: dict[Any, set[Any]]) -> None:
    state: dict[Any, int] = {}

    def visit(node: Any, chain: list[Any]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            cycle = [*chain[chain.index(node):], node]
            if len(cycle) == 2 and node.recursive:
                return
            names = " → ".join(f"{f.model_name}.{f.name}" for f in cycle)
            hint = " (a field depending on itself through a relation must be declared recursive=True)" \
                if len(cycle) == 2 else ""
            raise ModelDefinitionError(f"Computed fields depend on each other in a cycle: {names}{hint}",
                                       model=node.model_name, field=node.name)
        state[node] = 1
        for target in edges.get(node, ()):
            visit(target, [*chain, node])
        state[node] = 2

    for node in list(edges):
        visit(node, [])
