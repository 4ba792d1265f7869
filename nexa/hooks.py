"""Every extension point of Nexa, declared once as a typed pluggy hookspec.

Addons implement hooks in their Python package (usually ``__init__.py``)::

    from nexa.hooks import hookimpl

    @hookimpl
    def nexa_post_install(env):
        env["res.partner"].create({"name": "Created when the addon was installed"})

Third-party Python packages implement the runtime hooks through the
``nexa.plugins`` entry-point group. Hooks are always called with keyword
arguments; an implementation whose arguments do not match its spec is refused
when it is registered.
"""

from __future__ import annotations

from typing import Any

import pluggy

PROJECT = "nexa"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class AddonLifecycleSpec:
    """Hooks of one addon, called only on that addon's own implementation."""

    @hookspec
    def nexa_pre_install(self, env: Any) -> None:
        """Before the addon's data files load, its tables already created."""

    @hookspec
    def nexa_post_install(self, env: Any) -> None:
        """After the addon's data (and demo data) loaded, in the install transaction."""

    @hookspec
    def nexa_post_upgrade(self, env: Any, previous_version: str) -> None:
        """After an upgrade reloaded the addon's data; ``previous_version`` is the installed one."""

    @hookspec
    def nexa_uninstall(self, env: Any) -> None:
        """Before the addon's data, tables and columns are removed (the models still work)."""


class RuntimeSpec:
    """Hooks of the running process, implemented by core modules, addons and plugins."""

    @hookspec
    def nexa_registry_ready(self, registry: Any, database: Any) -> None:
        """A database's registry was built (at start-up, or after an install or upgrade)."""

    @hookspec
    def nexa_cli_commands(self) -> list[Any]:
        """Subcommands of ``nexa-bin`` (a list of :class:`nexa.cli.command.Command`)."""

    @hookspec
    def nexa_http_routes(self) -> list[Any]:
        """HTTP routes (a list of :class:`nexa.http.routing.Route`) served by ``nexa-bin server``."""

    @hookspec
    def nexa_before_rpc(self, env: Any, model: str, method: str) -> None:
        """Before an RPC ``execute_kw`` runs; raise to refuse the call."""


ALL_SPECS = (AddonLifecycleSpec, RuntimeSpec)


def new_plugin_manager() -> pluggy.PluginManager:
    """A plugin manager knowing every Nexa hookspec."""
    manager = pluggy.PluginManager(PROJECT)
    for spec in ALL_SPECS:
        manager.add_hookspecs(spec)
    return manager
