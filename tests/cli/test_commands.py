"""``nexa.cli.commands``: the core registers its commands through the nexa_cli_commands hook."""

from __future__ import annotations

from nexa.cli import commands
from nexa.cli.command import Command
from nexa.plugins import CORE_PLUGINS, build_plugin_manager


def test_core_commands_are_returned_by_the_hook():
    names = sorted(command.name for command in commands.nexa_cli_commands())
    assert names == ["check", "db", "module", "scaffold", "shell", "worker"]


def test_core_commands_are_command_objects_with_help():
    for command in commands.nexa_cli_commands():
        assert isinstance(command, Command)
        assert command.help


def test_the_plugin_manager_registers_the_core_commands():
    assert "nexa.cli.commands" in CORE_PLUGINS
    results = build_plugin_manager().hook.nexa_cli_commands()
    names = {command.name for batch in results for command in batch}
    assert {"check", "db", "module", "scaffold", "shell", "worker"} <= names
