"""The core's own ``nexa-bin`` commands, registered through the same hook addons use.

:data:`nexa.plugins.CORE_PLUGINS` lists this module, so the plugin manager
registers it like any third-party plugin; the dispatcher has no built-in list
of commands. A core command living elsewhere (``server``) registers itself from
its own module in the same way.
"""

from __future__ import annotations

from nexa.cli.check import CheckCommand
from nexa.cli.command import Command
from nexa.cli.db import DatabaseCommand
from nexa.cli.module import ModuleCommand
from nexa.cli.scaffold import ScaffoldCommand
from nexa.cli.shell import ShellCommand
from nexa.cli.worker import WorkerCommand
from nexa.hooks import hookimpl


@hookimpl
def nexa_cli_commands() -> list[Command]:
    """``db``, ``module``, ``shell``, ``check``, ``scaffold`` and ``worker``."""
    return [DatabaseCommand(), ModuleCommand(), ShellCommand(), CheckCommand(), ScaffoldCommand(), WorkerCommand()]
