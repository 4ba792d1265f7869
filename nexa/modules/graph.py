"""The addon dependency graph: load order, auto-install and reverse dependencies.

Pure functions over ``{technical name: Manifest}``: no file, no database, no
config, so every rule is tested with manifests built in memory. Two rules
matter more than they seem:

* the order is *deterministic* (dependencies first, then by depth, then by
  name, as Odoo does), because the order addons are loaded in is the order
  their model contributions are composed in: two machines must build the same
  classes;
* a missing dependency or a cycle is an *error*, never a warning with the addon
  skipped: the message names the addon that depends on the missing one, or shows
  the cycle as a chain ``a → b → c → a``.

    >>> from nexa.modules.manifest import Manifest
    >>> manifests = {"base": Manifest("Base"), "sale": Manifest("Sales", depends=("base",))}
    >>> load_order(manifests, ["sale"])
    ['base', 'sale']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from nexa.exceptions import DependencyError, did_you_mean
from nexa.modules.manifest import Manifest


def load_order(manifests: Mapping[str, Manifest], wanted: Iterable[str]) -> list[str]:
    """``wanted`` and everything they depend on, each addon after its dependencies.

    An addon's depth is 0 without dependencies, else one more than its deepest
    dependency; the result is sorted by (depth, name). Raises
    :class:`~nexa.exceptions.DependencyError` for an unknown wanted addon, a
    missing dependency (all of them, in one message) or a cycle.
    """
    wanted = list(dict.fromkeys(wanted))
    problems: list[tuple[str, str]] = []
    for name in wanted:
        if name not in manifests:
            suggestion = did_you_mean(name, manifests)
            problems.append((name, f"addon {name!r} is not on the addons path{suggestion}"))
    needed = _reachable([name for name in wanted if name in manifests], partial(_known_depends, manifests))
    for name in sorted(needed):
        for dependency in manifests[name].depends:
            if dependency not in manifests:
                problems.append(
                    (
                        name,
                        f"addon {name!r} depends on {dependency!r}, which is not on the "
                        f"addons path{did_you_mean(dependency, manifests)}",
                    )
                )
    if problems:
        addons = {addon for addon, _ in problems}
        message = (
            problems[0][1]
            if len(problems) == 1
            else "missing addons:\n" + "\n".join(f"  - {text}" for _, text in problems)
        )
        raise DependencyError(message, addon=addons.pop() if len(addons) == 1 else None, key="depends")
    depth = _depths(manifests, needed)
    return sorted(needed, key=lambda name: (depth[name], name))


def auto_install_closure(manifests: Mapping[str, Manifest], installed: Iterable[str]) -> set[str]:
    """The addons to auto-install because of ``installed`` (not including ``installed``).

    An installable addon not yet installed qualifies when ``auto_install`` is
    True and all its ``depends`` are present, or when ``auto_install`` lists
    addons and those are present (its other dependencies are then installed with
    it, by :func:`load_order`). Each qualifying addon, with its dependencies,
    counts as present for the next round, until nothing changes.
    """
    present = set(installed)
    added: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name in sorted(set(manifests) - present):
            manifest = manifests[name]
            if not manifest.installable or manifest.auto_install is False:
                continue
            trigger = manifest.depends if manifest.auto_install is True else manifest.auto_install
            if all(dependency in present for dependency in trigger):
                added.add(name)
                present |= _reachable([name], partial(_known_depends, manifests))
                changed = True
    return added


def dependents(manifests: Mapping[str, Manifest], names: Iterable[str], installed: Iterable[str]) -> set[str]:
    """The installed addons that depend, directly or not, on any of ``names`` (``names`` excluded).

    Uninstalling ``names`` must uninstall these too. An installed addon whose
    manifest is no longer available is ignored: its dependencies are unknown.
    """
    installed = set(installed)
    users: dict[str, list[str]] = {}
    for name in sorted(installed & set(manifests)):
        for dependency in manifests[name].depends:
            users.setdefault(dependency, []).append(name)
    names = set(names)
    return _reachable(names, lambda name: users.get(name, ())) - names


def _known_depends(manifests: Mapping[str, Manifest], name: str) -> list[str]:
    return [dependency for dependency in manifests[name].depends if dependency in manifests]


def _reachable(roots: Iterable[str], neighbours: Callable[[str], Iterable[str]]) -> set[str]:
    """``roots`` and every name reachable from them through ``neighbours``."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.add(name)
            stack.extend(neighbours(name))
    return seen


def _depths(manifests: Mapping[str, Manifest], names: set[str]) -> dict[str, int]:
    """Depth of each addon, by an iterative depth-first walk that also finds cycles.

    Iterative, so a long chain of dependencies cannot hit the recursion limit.
    """
    depth: dict[str, int] = {}
    for root in sorted(names):
        if root in depth:
            continue
        path = [root]
        pending = [iter(manifests[root].depends)]
        while pending:
            dependency = next(pending[-1], None)
            if dependency is None:
                done = path.pop()
                pending.pop()
                depth[done] = 1 + max((depth[d] for d in manifests[done].depends), default=-1)
            elif dependency in path:
                chain = [*path[path.index(dependency) :], dependency]
                raise DependencyError(
                    "dependency cycle: " + " → ".join(chain) + "; remove one of these depends",
                    addon=dependency,
                    key="depends",
                )
            elif dependency not in depth:
                path.append(dependency)
                pending.append(iter(manifests[dependency].depends))
    return depth

