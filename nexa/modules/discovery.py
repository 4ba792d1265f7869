"""Finding the addons available to this process: folders on ``addons_path`` and pip-installed ones.

An addon is a folder holding ``manifest.yaml``; its folder name is its technical
name. Two sources are searched, in this order:

1. each folder of ``addons_path``, whose direct sub-folders are addons;
2. the ``nexa.addons`` entry-point group, for addons shipped as Python
   distributions (``[nexa.addons] sale_extra = nexa_sale_extra``: the entry-point
   name is the technical name, its value the package whose folder holds the
   manifest).

When two places hold the same technical name, the first one wins: that is how a
user overrides an addon, by putting a patched copy in a folder listed earlier.
The losers are kept in :attr:`AddonInfo.shadowed` so ``nexa-bin`` can show them.
Only the winners' manifests are read, so a broken copy that is overridden does
not stop the server. Every addon that cannot be used is reported in one error.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import keyword
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from nexa.exceptions import AddonError, ConfigError
from nexa.modules.manifest import MANIFEST_FILE, Manifest, load_manifest

ENTRY_POINT_GROUP = "nexa.addons"

Origin = Literal["path", "entry_point"]


@dataclass(frozen=True)
class AddonInfo:
    """An addon found on this machine: where it is and what its manifest says."""

    name: str
    """Technical name: the folder name (or entry-point name); what ``depends`` refers to."""
    path: Path
    """The addon folder, holding ``manifest.yaml``."""
    manifest: Manifest
    origin: Origin
    """``"path"`` for a folder of ``addons_path``, ``"entry_point"`` for a pip-installed addon."""
    shadowed: tuple[Path, ...] = ()
    """Folders holding an addon of the same name that this one overrides, in search order."""
    package: str | None = None
    """For ``entry_point`` addons, the importable package name the entry point gives."""


@dataclass(frozen=True)
class _Candidate:
    path: Path
    origin: Origin
    package: str | None = None


def discover_addons(addons_path: Sequence[Path], *, entry_points: bool = True,
                    broken: dict[str, AddonError] | None = None) -> dict[str, AddonInfo]:
    """Every addon available, by technical name (sorted), the first found winning.

    A folder of ``addons_path`` that does not exist is a
    :class:`~nexa.exceptions.ConfigError`; addons that cannot be used (invalid
    technical name, broken manifest, entry point naming no package) are reported
    together in one :class:`~nexa.exceptions.AddonError` (the addon's own error
    when there is only one) -- unless ``broken`` is given: they are then recorded
    there by name, so that one broken addon on the path does not stop a server
    whose databases do not use it (the error is raised when the addon is needed).
    """
    candidates: dict[str, list[_Candidate]] = {}
    errors: list[AddonError] = []
    seen: set[Path] = set()
    for folder in map(Path, addons_path):
        _check_addons_folder(folder)
        if folder.resolve() in seen:
            continue
        seen.add(folder.resolve())
        for child in sorted(folder.iterdir()):
            if child.is_dir() and (child / MANIFEST_FILE).is_file():
                where = f"addon folder {str(child)!r}"
                _add(candidates, errors, child.name, _Candidate(child, "path"), where)
    if entry_points:
        for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            where = _describe(entry_point)
            try:
                candidate = _Candidate(_package_folder(entry_point, where), "entry_point", entry_point.value)
            except AddonError as exc:
                errors.append(exc)
                continue
            _add(candidates, errors, entry_point.name, candidate, where)

    found: dict[str, AddonInfo] = {}
    for name in sorted(candidates):
        first, *others = candidates[name]
        try:
            manifest = load_manifest(first.path)
        except AddonError as exc:
            errors.append(exc)
            continue
        shadowed = tuple(other.path for other in others)
        found[name] = AddonInfo(name, first.path, manifest, first.origin, shadowed, first.package)
    if broken is not None:
        broken.update({error.addon or str(index): error for index, error in enumerate(errors)})
    else:
        _raise_errors(errors)
    return found


def _check_addons_folder(folder: Path) -> None:
    if not folder.is_dir():
        state = "is not a folder" if folder.exists() else "does not exist"
        raise ConfigError(
            f"addons_path folder {str(folder)!r} {state}; fix addons_path "
            "(config file, NEXA_ADDONS_PATH or --addons-path)",
        )
    if (folder / MANIFEST_FILE).is_file():
        raise ConfigError(
            f"addons_path folder {str(folder)!r} is itself an addon (it holds {MANIFEST_FILE}); "
            f"addons_path lists folders of addons: give its parent {str(folder.parent)!r} instead",
        )


def _add(
    candidates: dict[str, list[_Candidate]],
    errors: list[AddonError],
    name: str,
    candidate: _Candidate,
    where: str,
) -> None:
    """Record ``candidate`` under ``name``, or an error when the name cannot be a technical name."""
    if name.isidentifier() and not keyword.iskeyword(name):
        candidates.setdefault(name, []).append(candidate)
        return
    fixed = re.sub(r"\W", "_", name)
    fixed = f"_{fixed}" if fixed[:1].isdigit() or keyword.iskeyword(fixed) else fixed
    errors.append(
        AddonError(
            f"{where}: {name!r} is not a valid technical name (it must be a Python identifier: letters, "
            f"digits and underscores, not starting with a digit, not a keyword); rename it, e.g. {fixed!r}",
            addon=name,
        )
    )


def _package_folder(entry_point: importlib.metadata.EntryPoint, where: str) -> Path:
    """The folder of the package an entry point names, without importing the package itself."""
    try:
        spec = importlib.util.find_spec(entry_point.value)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        raise AddonError(
            f"{where}: package {entry_point.value!r} cannot be found; "
            "reinstall the distribution or fix its entry point",
            addon=entry_point.name,
        )
    if not spec.submodule_search_locations:
        raise AddonError(
            f"{where}: {entry_point.value!r} is a module, not a package folder; "
            f"the entry point must name the package holding {MANIFEST_FILE}",
            addon=entry_point.name,
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    if not (folder / MANIFEST_FILE).is_file():
        raise AddonError(
            f"{where}: package folder {str(folder)!r} holds no {MANIFEST_FILE}", addon=entry_point.name
        )
    return folder


def _describe(entry_point: importlib.metadata.EntryPoint) -> str:
    dist = entry_point.dist.name if entry_point.dist is not None else "unknown distribution"
    return f"entry point {entry_point.name} = {entry_point.value} (group {ENTRY_POINT_GROUP}, {dist})"


def _raise_errors(errors: list[AddonError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        lines = "\n".join("  - " + str(error).replace("\n", "\n    ") for error in errors)
        combined = AddonError(f"{len(errors)} addons cannot be used:\n{lines}")
        combined.details["errors"] = errors
        raise combined
