"""``nexa.cli.main``: global options, commands gathered from the hook, errors and exit statuses."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest

import nexa.cli
from nexa.cli import build_parser, collect_commands, main
from nexa.cli.command import Command
from nexa.exceptions import ConfigError, UserError
from nexa.hooks import hookimpl, new_plugin_manager

CORE_COMMANDS = ("check", "db", "module", "scaffold", "shell", "worker")


class Hello(Command):
    """Greets the chosen database."""

    name = "hello"
    help = "Say hello"

    def configure(self, parser):
        parser.add_argument("--fail", action="store_true")

    def run(self, args, runtime):
        if args.fail:
            raise UserError("hello failed on purpose")
        print(f"hello {runtime.db_name()}")
        return 0


class HelloPlugin:
    @hookimpl
    def nexa_cli_commands(self):
        return [Hello()]


def _manager(*plugins):
    manager = new_plugin_manager()
    for plugin in plugins:
        manager.register(plugin)
    return manager


@pytest.fixture
def with_hello(monkeypatch):
    """The plugin manager of main() also holds a plugin adding the 'hello' command."""
    real = nexa.cli.build_plugin_manager

    def build():
        manager = real()
        manager.register(HelloPlugin())
        return manager

    monkeypatch.setattr(nexa.cli, "build_plugin_manager", build)


def test_help_lists_the_core_commands(cli):
    result = cli("--help")
    assert result.status == 0
    listed = [line.split()[0] for line in result.out.split("commands:")[1].splitlines()[2:] if line.strip()]
    assert set(CORE_COMMANDS) <= set(listed)


def test_help_shows_the_global_options(cli):
    out = cli("--help").out
    for flag in ("-c FILE", "-d DB", "--db-url", "--addons-path", "--data-dir", "--log-level", "--debug"):
        assert flag in out


@pytest.mark.parametrize("words", [("db",), ("db", "create"), ("db", "drop"), ("db", "list"), ("db", "exists"),
                                   ("module",), ("module", "install"), ("module", "upgrade"),
                                   ("module", "uninstall"), ("module", "list"), ("shell",), ("check",),
                                   ("scaffold",)])
def test_every_command_and_action_has_help(cli, words):
    result = cli(*words, "--help")
    assert result.status == 0
    assert result.out.startswith(f"usage: nexa-bin {' '.join(words)}")


def test_no_command_is_an_argument_error(cli):
    result = cli()
    assert result.status == 2
    assert "the following arguments are required: COMMAND" in result.err


def test_unknown_command_is_an_argument_error(cli):
    result = cli("dbs", "list")
    assert result.status == 2
    assert "invalid choice: 'dbs'" in result.err


def test_unknown_action_is_an_argument_error(cli):
    assert cli("db", "remove", "x").status == 2


def test_bad_option_value_is_an_error_without_traceback(cli):
    result = cli("--http-port", "eighty", "db", "list")
    assert result.status == 1
    assert result.err.startswith("error: command-line flag --http-port: option 'http_port' got 'eighty'")
    assert "Traceback" not in result.err


def test_bad_config_file_is_an_error(cli, tmp_path):
    bad = tmp_path / "bad.conf"
    bad.write_text("[options]\ndata_dri = /tmp\n")
    result = cli("-c", str(bad), "db", "list")
    assert result.status == 1
    assert "unknown option 'data_dri'" in result.err
    assert "did you mean 'data_dir'?" in result.err


def test_missing_config_file_is_an_error(cli, tmp_path):
    result = cli("-c", str(tmp_path / "nope.conf"), "db", "list")
    assert result.status == 1
    assert "does not exist" in result.err


def test_missing_addons_folder_is_an_error(cli, tmp_path):
    result = cli("--addons-path", str(tmp_path / "nowhere"), "module", "list")
    assert result.status == 1
    assert "error: addons_path folder" in result.err


def test_debug_adds_the_traceback(cli, tmp_path):
    result = cli("--debug", "-c", str(tmp_path / "nope.conf"), "db", "list")
    assert result.status == 1
    assert result.err.startswith("Traceback (most recent call last):")
    assert "\nerror: " in result.err


def test_unreachable_database_server_is_an_error(cli):
    result = cli("--db-url", "postgresql://nobody@127.0.0.1:1", "db", "exists", "anything")
    assert result.status == 1
    assert result.err.startswith("error: Cannot use the database: ")
    assert "Traceback" not in result.err


def test_unsupported_database_url_is_an_error(cli):
    result = cli("--db-url", "mysql://localhost/x", "db", "list")
    assert result.status == 1
    assert "error: Unsupported database URL" in result.err


def test_database_option_chooses_the_database(cli, with_hello):
    assert cli("-d", "shop", "hello").out == "hello shop\n"


def test_db_name_option_chooses_the_database(cli, with_hello):
    assert cli("--db-name", "shop", "hello").out == "hello shop\n"


def test_db_url_path_names_the_default_database(cli, with_hello, tmp_path):
    assert cli("--db-url", f"sqlite:///{tmp_path}/shop.sqlite", "hello").out == "hello shop\n"


def test_db_name_in_config_file_chooses_the_database(cli, with_hello, cli_setup, tmp_path):
    config = tmp_path / "named.conf"
    config.write_text(cli_setup.config_file.read_text() + "db_name = stock\n")
    assert cli("-c", str(config), "hello").out == "hello stock\n"


def test_global_options_after_the_command_are_refused(cli, with_hello):
    assert cli("hello", "-d", "shop").status == 2


def test_command_from_the_hook_is_dispatched(cli, with_hello):
    result = cli("--help")
    assert "hello" in result.out
    assert cli("-d", "x", "hello").status == 0


def test_nexa_error_of_a_command_prints_error_and_exits_1(cli, with_hello):
    result = cli("-d", "x", "hello", "--fail")
    assert (result.status, result.out, result.err) == (1, "", "error: hello failed on purpose\n")


def test_keyboard_interrupt_exits_130(cli, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(nexa.cli, "run_command", interrupted)
    result = cli("db", "list")
    assert (result.status, result.err) == (130, "interrupted\n")


def test_main_reads_sys_argv_by_default(cli_setup, clean_environ, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["nexa-bin", "-c", str(cli_setup.config_file), "db", "exists", "no_such_db"])
    assert main() == 1


def test_collect_commands_gathers_every_plugin_sorted_by_name():
    commands = collect_commands(_manager(HelloPlugin(), sys.modules["nexa.cli.commands"]))
    assert list(commands) == sorted(["hello", *CORE_COMMANDS])


def test_collect_commands_refuses_two_commands_with_one_name():
    class Again:
        @hookimpl
        def nexa_cli_commands(self):
            return [Hello()]

    with pytest.raises(ConfigError, match="Two plugins define the command 'hello'"):
        collect_commands(_manager(HelloPlugin(), Again()))


def test_collect_commands_refuses_what_is_not_a_command():
    class Wrong:
        @hookimpl
        def nexa_cli_commands(self):
            return ["hello"]

    with pytest.raises(ConfigError, match="return instances of nexa\\.cli\\.command\\.Command"):
        collect_commands(_manager(Wrong()))


def test_parser_puts_each_command_in_its_own_subparser():
    args = build_parser({"hello": Hello()}).parse_args(["-d", "shop", "hello", "--fail"])
    assert (args.db_name, args.command, args.fail) == ("shop", "hello", True)


def test_string_exit_is_printed_with_status_1(monkeypatch, capsys, cli_setup, clean_environ):
    def exits(*args, **kwargs):
        raise SystemExit("gave up")

    monkeypatch.setattr(nexa.cli, "run_command", exits)
    assert main(["-c", str(cli_setup.config_file), "db", "list"]) == 1
    assert capsys.readouterr().err == "gave up\n"


def test_bugs_are_not_hidden(monkeypatch, cli_setup, clean_environ):
    monkeypatch.setattr(nexa.cli, "run_command", lambda *a: SimpleNamespace()[0])
    with pytest.raises(TypeError):
        main(["-c", str(cli_setup.config_file), "db", "list"])
