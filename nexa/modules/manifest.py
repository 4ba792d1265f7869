"""The manifest of an addon: ``manifest.yaml`` read into a checked, frozen :class:`Manifest`.

The manifest is a schema, not a free-form dict: every key has a type and a
documented default, and a manifest with an unknown key (usually a typo), a value
of the wrong type, a data file that does not exist or an ``auto_install`` that
does not match ``depends`` is refused when the addon is discovered, with every
problem of the file reported at once. Mistakes surface when the addon is
written, not halfway through an install.

Like Odoo's ``name``, ``Manifest.name`` is the human-readable title ("Sales");
the technical name of an addon is its folder name (``sale``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from nexa.exceptions import ManifestError, did_you_mean
from nexa.problems import Problem

MANIFEST_FILE = "manifest.yaml"
EXTERNAL_KINDS = ("python", "bin")
"""The keys of ``external_dependencies``: importable Python modules / distributions, programs on PATH."""


def _empty_mapping() -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Manifest:
    """The checked content of one ``manifest.yaml``; every key but ``name`` is optional."""

    name: str
    """Human-readable title, shown in the Apps list (the technical name is the folder name)."""
    version: str = "1.0"
    """The addon's own version; quote it in YAML (``"1.10"``), a number would lose digits."""
    summary: str = ""
    """One line saying what the addon does."""
    description: str = ""
    """Longer text for the Apps page."""
    author: str = ""
    website: str = ""
    license: str = "LGPL-3"
    category: str = "Uncategorized"
    depends: tuple[str, ...] = ()
    """Technical names of the addons this one needs; they are installed and loaded first."""
    data: tuple[str, ...] = ()
    """XML/CSV files, relative to the addon folder, loaded in this order on install and upgrade."""
    demo: tuple[str, ...] = ()
    """Like ``data``, loaded after it unless the database was created without demo data."""
    auto_install: bool | tuple[str, ...] = False
    """True: installed as soon as all of ``depends`` are; a list: as soon as those (a subset of
    ``depends``) are, which pulls in the rest of ``depends``."""
    application: bool = False
    """Shown as an application (rather than a technical module) in the Apps list."""
    installable: bool = True
    """False hides the addon from installation (for example while it is being ported)."""
    sequence: int = 100
    """Order of applications in the Apps list (lower first)."""
    external_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=_empty_mapping)
    """``python``: modules or distributions that must be importable; ``bin``: programs on PATH."""
    assets: Mapping[str, tuple[str, ...]] = field(default_factory=_empty_mapping)
    """Bundle name -> files or glob patterns (relative to the addon folder) of static assets."""


MANIFEST_KEYS = tuple(item.name for item in fields(Manifest))


class _WrongType(Exception):
    """A value does not have the expected shape; ``args[0]`` says what was expected."""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _WrongType("a string")
    return value


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _WrongType("a list of strings")
    return tuple(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _WrongType("a boolean (true or false)")
    return value


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _WrongType("an integer")
    return value


def _auto_install(value: Any) -> bool | tuple[str, ...]:
    if isinstance(value, bool):
        return value
    try:
        return _names(value)
    except _WrongType:
        raise _WrongType("a boolean or a list of addon names") from None


def _lists_by_name(value: Any, allowed: tuple[str, ...] | None) -> Mapping[str, tuple[str, ...]]:
    expected = "a mapping of " + (" / ".join(allowed) if allowed else "names") + " to lists of strings"
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise _WrongType(expected)
    unknown = [key for key in value if allowed is not None and key not in allowed]
    if unknown:
        raise _WrongType(f"{expected}; {unknown[0]!r} is not one of {', '.join(allowed or ())}")
    try:
        return MappingProxyType({key: _names(items) for key, items in value.items()})
    except _WrongType:
        raise _WrongType(expected) from None


_READERS: dict[str, Callable[[Any], Any]] = {
    "name": _text,
    "version": _text,
    "summary": _text,
    "description": _text,
    "author": _text,
    "website": _text,
    "license": _text,
    "category": _text,
    "depends": _names,
    "data": _names,
    "demo": _names,
    "auto_install": _auto_install,
    "application": _flag,
    "installable": _flag,
    "sequence": _integer,
    "external_dependencies": lambda value: _lists_by_name(value, EXTERNAL_KINDS),
    "assets": lambda value: _lists_by_name(value, None),
}

_YAML_TYPE_NAMES = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    list: "list",
    dict: "mapping",
    type(None): "null (no value)",
}


def load_manifest(addon_dir: Path) -> Manifest:
    """Read and check ``addon_dir/manifest.yaml``.

    Raises :class:`~nexa.exceptions.ManifestError` (``addon`` = folder name,
    ``key`` = the key at fault when there is one) listing every problem of the
    file; ``error.details["problems"]`` holds them as :class:`~nexa.problems.Problem`.
    """
    addon = addon_dir.name
    where = f"addon {addon!r} ({addon_dir / MANIFEST_FILE})"
    raw = _read_yaml(addon_dir, where)
    found: list[tuple[str | None, Problem]] = []

    def problem(id_: str, key: str | None, message: str, hint: str = "") -> None:
        obj = f"{where}, key {key!r}" if key else where
        found.append((key, Problem(f"manifest.{id_}", message, obj, hint)))

    values: dict[str, Any] = {}
    for key, value in raw.items():
        reader = _READERS.get(key) if isinstance(key, str) else None
        if reader is None:
            hint = did_you_mean(key, MANIFEST_KEYS, bare=True, otherwise=f"known keys: {', '.join(MANIFEST_KEYS)}")
            problem("E004", str(key), f"unknown key {key!r}", hint)
            continue
        try:
            values[key] = reader(value)
        except _WrongType as exc:
            got = _YAML_TYPE_NAMES.get(type(value), type(value).__name__)
            problem("E005", key, f"expects {exc.args[0]}, got {got} {value!r}", _type_hint(key, value))
    if "name" not in raw:
        problem("E006", "name", "the required key 'name' is missing", "add the addon's title: name: My Addon")
    for key in ("data", "demo"):
        for path, hint in _missing_files(addon_dir, values.get(key, ())):
            problem("E007", key, f"{key} file {path!r} does not exist in the addon folder", hint)
    auto_install = values.get("auto_install", False)
    if auto_install == ():
        problem(
            "E008",
            "auto_install",
            "an empty list would install the addon into every database",
            "write auto_install: true or false, or list the addons that trigger it",
        )
    elif isinstance(auto_install, tuple) and ("depends" in values or "depends" not in raw):
        for name in auto_install:
            if name not in values.get("depends", ()):
                problem(
                    "E009",
                    "auto_install",
                    f"auto_install names {name!r}, which is not in depends",
                    f"add {name!r} to depends, or remove it from auto_install",
                )
    if found:
        raise manifest_error(addon, found)
    return Manifest(**values)


def manifest_error(addon: str, found: list[tuple[str | None, Problem]]) -> ManifestError:
    """One :class:`ManifestError` for the problems found in one addon's manifest.

    ``key`` is set when every problem is about the same key.
    """
    problems = [item for _, item in found]
    keys = {key for key, _ in found}
    if len(problems) == 1:
        message = str(problems[0])
    else:
        lines = "\n".join(f"  - {item}" for item in problems)
        message = f"the manifest of addon {addon!r} has {len(problems)} problems:\n{lines}"
    error = ManifestError(message, addon=addon, key=keys.pop() if len(keys) == 1 else None)
    error.details["problems"] = problems
    return error


def _read_yaml(addon_dir: Path, where: str) -> dict[Any, Any]:
    """The top-level mapping of the manifest; any reason it cannot be had is fatal at once."""
    path = addon_dir / MANIFEST_FILE

    def fail(id_: str, message: str, hint: str = "") -> ManifestError:
        return manifest_error(addon_dir.name, [(None, Problem(f"manifest.{id_}", message, where, hint))])

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(
            "E001",
            f"no {MANIFEST_FILE} in {addon_dir}",
            f"an addon folder holds a {MANIFEST_FILE} with at least: name: <title>",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail("E001", f"{MANIFEST_FILE} cannot be read: {exc}") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            raise fail("E002", f"not valid YAML: {reason}") from None
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        raise fail("E002", f"not valid YAML at line {mark.line + 1} ({line.strip()!r}): {reason}") from None
    if not isinstance(raw, dict):
        got = _YAML_TYPE_NAMES.get(type(raw), type(raw).__name__)
        raise fail(
            "E003",
            f"{MANIFEST_FILE} must be a mapping of keys to values, got {got} {raw!r}",
            "write one 'key: value' per line, starting with name: <title>",
        )
    return raw


def _missing_files(addon_dir: Path, paths: tuple[str, ...]) -> list[tuple[str, str]]:
    """(path, hint) for each listed file that is not a file inside ``addon_dir``."""
    root = addon_dir.resolve()
    missing = []
    for path in paths:
        target = (root / path).resolve()
        if not target.is_relative_to(root):
            missing.append((path, "data files must be inside the addon folder, given relative to it"))
        elif not target.is_file():
            existing = [str(item.relative_to(root)) for item in root.rglob("*") if item.is_file()]
            hint = did_you_mean(path, existing, bare=True, otherwise="paths are relative to the addon folder")
            missing.append((path, hint))
    return missing


def _type_hint(key: str, value: Any) -> str:
    """How to write ``key`` right, for the mistakes YAML makes easy."""
    if key == "version" and isinstance(value, int | float):
        return 'quote it, for example version: "1.0" (unquoted, YAML reads a number: 1.10 becomes 1.1)'
    if _READERS[key] is _names and isinstance(value, str):
        return f"write a YAML list: {key}: [{value}]"
    return ""
