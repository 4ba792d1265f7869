"""The plugin manager of the process: core plugins, entry-point plugins, addon packages.

The core registers its own CLI commands and HTTP routes through the same hooks
addons and third-party packages use (see :mod:`nexa.hooks`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from types import ModuleType

import pluggy

from nexa.hooks import new_plugin_manager

#: Core modules implementing runtime hooks.
CORE_PLUGINS = (
    "nexa.cli.commands",
    "nexa.cli.server",
    "nexa.http.core_routes",
)

ENTRY_POINT_GROUP = "nexa.plugins"


def build_plugin_manager(addon_modules: Iterable[ModuleType] = ()) -> pluggy.PluginManager:
    """Core plugins, then ``nexa.plugins`` entry points, then the given addon packages."""
    manager = new_plugin_manager()
    for name in CORE_PLUGINS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        manager.register(module, name=name)
    manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for module in addon_modules:
        if manager.get_plugin(module.__name__) is None:
            manager.register(module, name=module.__name__)
    manager.check_pending()
    return manager


def addon_plugin_manager(module: ModuleType) -> pluggy.PluginManager:
    """A manager holding one addon package, to call its own lifecycle hooks only."""
    manager = new_plugin_manager()
    manager.register(module, name=module.__name__)
    manager.check_pending()
    return manager
