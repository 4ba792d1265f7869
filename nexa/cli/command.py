"""What a ``nexa-bin`` subcommand is: the :class:`Command` class core modules and addons implement.

The dispatcher (:func:`nexa.cli.main`) knows no command by name: it collects
:class:`Command` instances from the ``nexa_cli_commands`` hook, gives each a
sub-parser, and calls :meth:`Command.run` with the parsed arguments and the
process's :class:`~nexa.runtime.Runtime`. A third-party package adds a command
the same way the core does::

    from nexa.cli.command import Command
    from nexa.hooks import hookimpl

    class Hello(Command):
        name = "hello"
        help = "Say hello to the default database"

        def configure(self, parser):
            parser.add_argument("--shout", action="store_true")

        def run(self, args, runtime):
            print(("HELLO " if args.shout else "hello ") + runtime.db_name())
            return 0

    @hookimpl
    def nexa_cli_commands():
        return [Hello()]

Commands report problems by raising :mod:`nexa.exceptions` errors; the
dispatcher prints them as ``error: <message>`` and exits with status 1.
"""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from nexa.runtime import Runtime

#: What an action of a :class:`CommandGroup` is: a function of the arguments and the runtime.
Action = Callable[[argparse.Namespace, "Runtime"], int]


class Command:
    """One subcommand of ``nexa-bin``: a name, a help line, its arguments and what it does.

    ``description`` (shown by ``nexa-bin NAME --help``) defaults to the class docstring.
    """

    name: ClassVar[str] = ""
    help: ClassVar[str] = ""

    @property
    def description(self) -> str:
        """The longer text of ``--help``: the class docstring, else the help line."""
        doc = type(self).__doc__  # class docstrings are not inherited: None when the subclass has none
        return inspect.cleandoc(doc) if doc else self.help

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add this command's arguments to its sub-parser (none by default)."""

    def run(self, args: argparse.Namespace, runtime: Runtime) -> int:
        """Do the work; return the exit status (0 for success)."""
        raise NotImplementedError(f"Command {self.name!r} does not implement run()")


class CommandGroup(Command):
    """A command made of actions (``db create``, ``db drop``): each action is one method.

    Subclasses declare their actions in :meth:`configure` with :meth:`add_action`;
    :meth:`run` calls the action the user chose.
    """

    def add_action(self, parser: argparse.ArgumentParser, name: str, action: Action, help: str,
                   ) -> argparse.ArgumentParser:
        """A sub-parser for action ``name`` of this command, running ``action`` when chosen.

        ``action``'s docstring becomes the description of ``nexa-bin COMMAND NAME --help``.
        """
        actions = getattr(parser, "_nexa_actions", None)
        if actions is None:
            actions = parser.add_subparsers(title="actions", dest="action", metavar="ACTION", required=True)
            parser._nexa_actions = actions  # type: ignore[attr-defined]
        description = inspect.cleandoc(action.__doc__) if action.__doc__ else help
        sub = actions.add_parser(name, help=help, description=description,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(run_action=action)
        return sub

    def run(self, args: argparse.Namespace, runtime: Runtime) -> int:
        return args.run_action(args, runtime)


def split_names(values: Iterable[str]) -> list[str]:
    """Names given as separate arguments and/or comma-separated (``sale crm`` or ``sale,crm``), once each."""
    return list(dict.fromkeys(part.strip() for value in values for part in value.split(",") if part.strip()))


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Rows as aligned text columns under a header line, for commands that list things."""
    cells = [[str(value) for value in row] for row in [headers, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
