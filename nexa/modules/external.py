"""Checking an addon's external dependencies: Python packages and programs it needs.

Run before an addon is installed, so a missing ``pip install`` is reported up
front with every missing item and how to get it, instead of as an
``ImportError`` in the middle of an install (or, for a program, at the first
report printed months later).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import shutil

from nexa.exceptions import DependencyError
from nexa.modules.discovery import AddonInfo


def check_external_dependencies(info: AddonInfo) -> None:
    """Raise :class:`~nexa.exceptions.DependencyError` unless all external dependencies are present.

    A ``python`` name is present when it is an importable module (``yaml``) or an
    installed distribution (``PyYAML``); a ``bin`` name when it is a program on
    ``PATH``. The error names the addon and lists every missing item with its fix.
    """
    wanted = info.manifest.external_dependencies
    missing = [
        f"Python package {name!r}: pip install {name}"
        for name in wanted.get("python", ())
        if not _python_available(name)
    ]
    missing += [
        f"program {name!r}: install it with the system's package manager and put it on PATH"
        for name in wanted.get("bin", ())
        if shutil.which(name) is None
    ]
    if missing:
        lines = "\n".join(f"  - {item}" for item in missing)
        raise DependencyError(
            f"addon {info.name!r} ({info.path}) needs external dependencies that are missing:\n{lines}",
            addon=info.name,
            key="external_dependencies",
        )


def _python_available(name: str) -> bool:
    """True when ``name`` is an importable module or an installed distribution."""
    try:
        if importlib.util.find_spec(name) is not None:
            return True
    except (ImportError, ValueError):
        pass
    try:
        importlib.metadata.distribution(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    return True
