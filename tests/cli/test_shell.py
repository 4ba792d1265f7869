"""``nexa-bin shell``: a piped script runs in one transaction, committed when it succeeds;
the interactive prompt saves only what ``commit()`` saves."""

from __future__ import annotations

import io
import sys

import pytest


class TerminalInput(io.StringIO):
    """Lines typed at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def shell(cli, database, monkeypatch):
    """``shell(text)`` runs ``nexa-bin -d <database> shell`` with ``text`` on a piped stdin."""

    def run(text, *, terminal=False):
        monkeypatch.setattr(sys, "stdin", (TerminalInput if terminal else io.StringIO)(text))
        return cli("-d", database, "shell")

    return run


def _count(shell, name):
    result = shell(f"print(env['res.partner'].search_count([('name', '=', {name!r})]))")
    assert result.status == 0, result.err
    return int(result.out)


def test_script_sees_env_and_runtime(shell, database):
    result = shell("print(env.uid, env.su, env.transaction.database.name == runtime.db_name())")
    assert result.status == 0, result.err
    assert result.out.strip() == "1 True True"


def test_script_is_committed_when_it_succeeds(shell):
    assert shell("env['res.partner'].create({'name': 'Ada'})").status == 0
    assert _count(shell, "Ada") == 1


def test_script_error_rolls_everything_back(shell):
    result = shell("env['res.partner'].create({'name': 'Ada'})\nraise ValueError('stop here')\n")
    assert result.status == 1
    assert _count(shell, "Ada") == 0


def test_script_error_shows_the_script_traceback_and_an_error_line(shell):
    result = shell("x = 1\nraise ValueError('stop here')\n")
    assert 'File "<stdin>", line 2' in result.err
    assert "error: the script raised ValueError: stop here" in result.err
    assert "shell.py" not in result.err


def test_script_orm_error_is_reported_and_rolled_back(shell):
    result = shell("env['res.partner'].create({'name': 'Ada'})\nenv['res.partnr']\n")
    assert result.status == 1
    assert "error: the script raised UserError: Object res.partnr doesn't exist (did you mean 'res.partner'?)" \
        in result.err
    assert _count(shell, "Ada") == 0


def test_script_syntax_error_runs_nothing(shell):
    result = shell("env['res.partner'].create({'name': 'Ada'})\ndef broken(:\n")
    assert result.status == 1
    assert "SyntaxError" in result.err
    assert "error: the script has a syntax error; nothing was run" in result.err
    assert _count(shell, "Ada") == 0


def test_script_rollback_discards_its_changes(shell):
    assert shell("env['res.partner'].create({'name': 'Ada'})\nrollback()\n").status == 0
    assert _count(shell, "Ada") == 0


def test_script_commit_keeps_changes_made_before_a_later_error(shell):
    result = shell("env['res.partner'].create({'name': 'Ada'})\ncommit()\n"
                   "env['res.partner'].create({'name': 'Bob'})\n1 / 0\n")
    assert result.status == 1
    assert (_count(shell, "Ada"), _count(shell, "Bob")) == (1, 0)


def test_env_works_after_commit_and_rollback(shell):
    result = shell("p = env['res.partner'].create({'name': 'Ada'})\ncommit()\n"
                   "p.name = 'Bob'\nrollback()\nprint(p.name)\n")
    assert result.status == 0, result.err
    assert result.out.strip() == "Ada"


def test_script_exit_with_error_status_rolls_back(shell):
    result = shell("import sys\nenv['res.partner'].create({'name': 'Ada'})\nsys.exit(3)\n")
    assert result.status == 3
    assert _count(shell, "Ada") == 0


def test_script_exit_with_zero_status_commits(shell):
    result = shell("import sys\nenv['res.partner'].create({'name': 'Ada'})\nsys.exit(0)\n")
    assert result.status == 0
    assert _count(shell, "Ada") == 1


def test_interactive_prompt_shows_a_banner(shell, database):
    result = shell("", terminal=True)
    assert result.status == 0
    assert f"Nexa shell on database {database!r}" in result.err
    assert "Names: env, runtime, commit(), rollback()" in result.err


def test_interactive_prompt_saves_only_what_is_committed(shell):
    typed = "env['res.partner'].create({'name': 'Ada'})\ncommit()\nenv['res.partner'].create({'name': 'Bob'})\n"
    assert shell(typed, terminal=True).status == 0
    assert (_count(shell, "Ada"), _count(shell, "Bob")) == (1, 0)


def test_interactive_errors_do_not_end_the_prompt(shell):
    typed = "1 / 0\nprint('still here')\n"
    result = shell(typed, terminal=True)
    assert "ZeroDivisionError" in result.err
    assert "still here" in result.out


def test_shell_without_database_is_an_error(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("print(1)"))
    result = cli("shell")
    assert result.status == 1
    assert "error: No database given: pass -d NAME" in result.err


def test_shell_on_a_database_without_base_is_an_error(cli, cli_setup, db_names, monkeypatch):
    name = db_names()
    cli_setup.create_empty(name)
    monkeypatch.setattr(sys, "stdin", io.StringIO("print(1)"))
    result = cli("-d", name, "shell")
    assert result.status == 1
    assert f"error: Database {name!r} has no addon installed; run 'nexa-bin -d {name} module install base'" \
        in result.err
