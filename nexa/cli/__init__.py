"""``nexa-bin``: the one command line of Nexa, gathered from the ``nexa_cli_commands`` hook.

The dispatcher knows no command by name. It asks every plugin (the core's own
:mod:`nexa.cli.commands` first, then the ``nexa.plugins`` entry points) for its
:class:`~nexa.cli.command.Command` objects, builds one ``argparse`` parser with
the global options of :data:`nexa.config.OPTIONS`, and runs the chosen command
with a :class:`~nexa.runtime.Runtime` built from the configuration::

    nexa-bin [-c FILE] [-d DB] [--db-url URL] [--addons-path P] [--data-dir D]
             [--log-level L] [--debug] COMMAND ...

    >>> main(["db", "list"])  # doctest: +SKIP
    0

Exit status: what the command returns (0 for success), 1 for any
:class:`~nexa.exceptions.NexaError` (printed as ``error: <message>``, with the
traceback only under ``--debug``), 2 for a command line argparse refuses.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from nexa.cli.command import Command
from nexa.config import OPTIONS, add_cli_arguments, load_config
from nexa.exceptions import ConfigError, NexaError
from nexa.logs import configure_logging
from nexa.plugins import build_plugin_manager
from nexa.runtime import Runtime

__all__ = ["Command", "build_parser", "collect_commands", "main"]

PROG = "nexa-bin"


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``nexa-bin`` with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Never raises for a user mistake: ``SystemExit`` from ``--help`` or argparse
    errors becomes the returned status, so tests can call it in-process.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in argv
    try:
        commands = collect_commands(build_plugin_manager())
        args = build_parser(commands).parse_args(argv)
        debug = args.debug
        return run_command(commands[args.command], args)
    except SystemExit as exit_:
        return _exit_status(exit_)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except NexaError as error:
        return report_error(error, debug=debug)
    except Exception as error:
        if not _is_connection_error(error):
            raise
        return report_error(error, debug=debug, message=_connection_message(error))


def collect_commands(plugins: object) -> dict[str, Command]:
    """Every command the plugins' ``nexa_cli_commands`` hooks return, by name (sorted).

    Two commands with one name, or a hook returning something else than
    :class:`Command` objects, are a :class:`~nexa.exceptions.ConfigError` naming
    the modules involved: the command line would otherwise depend on load order.
    """
    found: dict[str, Command] = {}
    for batch in plugins.hook.nexa_cli_commands():  # type: ignore[attr-defined]
        for command in batch or ():
            origin = type(command).__module__
            if not isinstance(command, Command) or not command.name:
                raise ConfigError(f"The nexa_cli_commands hook of {origin} returned {command!r}: return "
                                  "instances of nexa.cli.command.Command that set a name")
            other = found.get(command.name)
            if other is not None:
                raise ConfigError(f"Two plugins define the command {command.name!r}: "
                                  f"{type(other).__module__} and {origin}; uninstall or rename one of them")
            found[command.name] = command
    return dict(sorted(found.items()))


def build_parser(commands: dict[str, Command]) -> argparse.ArgumentParser:
    """The parser of ``nexa-bin``: global options, then one sub-parser per command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Nexa's command line: manage databases and addons, run a shell, check and scaffold addons.",
        epilog=f"Global options go before COMMAND. Run '{PROG} COMMAND --help' for a command's own options.",
    )
    parser.add_argument("-c", "--config", metavar="FILE",
                        help="Config file to read (default: $NEXA_CONFIG, else ./nexa.conf, else ~/.nexarc)")
    parser.add_argument("-d", "--database", dest="db_name", default=None, metavar="DB",
                        help="The database commands work on (default: db_name in the configuration, or the "
                             "database named in --db-url)")
    parser.add_argument("--debug", action="store_true", help="Show the traceback of errors")
    add_cli_arguments(parser)
    subparsers = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND", required=True)
    for name, command in commands.items():
        sub = subparsers.add_parser(name, help=command.help, description=command.description,
                                    formatter_class=argparse.RawDescriptionHelpFormatter)
        command.configure(sub)
    return parser


def run_command(command: Command, args: argparse.Namespace) -> int:
    """Load the configuration the arguments name, then run ``command`` with a fresh runtime."""
    cli = {option.name: getattr(args, option.name, None) for option in OPTIONS}
    config = load_config(file=args.config, cli=cli)
    configure_logging(config.log_level, config.log_format)
    runtime = Runtime(config)
    try:
        return int(command.run(args, runtime) or 0)
    finally:
        runtime.close()


def report_error(error: BaseException, *, debug: bool, message: str | None = None) -> int:
    """Print ``error: <message>`` on stderr (after the traceback under ``--debug``); return 1."""
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    print(f"error: {error if message is None else message}", file=sys.stderr)
    return 1


def _exit_status(exit_: SystemExit) -> int:
    if exit_.code is None or isinstance(exit_.code, int):
        return exit_.code or 0
    print(exit_.code, file=sys.stderr)
    return 1


def _is_connection_error(error: Exception) -> bool:
    """A database server that cannot be reached is a user's configuration mistake, not a bug."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)


def _connection_message(error: Exception) -> str:
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    return f"Cannot use the database: {reason}; check db_url and that the database server runs"
