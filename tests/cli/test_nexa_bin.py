"""The real ``nexa-bin`` executables (console script and repository launcher) in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nexa.config import CONFIG_ENV_VAR, OPTIONS

CONSOLE_SCRIPT = Path(sys.executable).parent / "nexa-bin"
LAUNCHER = Path(__file__).resolve().parents[2] / "nexa-bin"

SCRIPT = """\
env["cli.note"].create({"name": "from a script"})
print(env["cli.note"].search_count([]), env["res.users"].browse(env.uid).login)
"""


def _environ():
    removed = {option.env_var for option in OPTIONS} | {CONFIG_ENV_VAR}
    env = {key: value for key, value in os.environ.items() if key not in removed}
    env["NEXA_PASSWORD_ROUNDS"] = "1000"
    return env


def _run(command, cli_setup, *args, stdin=""):
    return subprocess.run([*command, "-c", str(cli_setup.config_file), *args], input=stdin,
                          capture_output=True, text=True, env=_environ(), timeout=300)


def test_console_script_creates_installs_and_runs_a_shell_script(cli_setup, db_names):
    name = db_names()
    created = _run([str(CONSOLE_SCRIPT)], cli_setup, "db", "create", name, "--admin-password", "pw")
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith(f"Created database {name}")
    installed = _run([str(CONSOLE_SCRIPT)], cli_setup, "-d", name, "module", "install", "cli_notes")
    assert (installed.returncode, installed.stdout) == (0, f"Installed in {name}: cli_notes\n"), installed.stderr
    shell = _run([str(CONSOLE_SCRIPT)], cli_setup, "-d", name, "shell", stdin=SCRIPT)
    assert (shell.returncode, shell.stdout) == (0, "1 admin\n"), shell.stderr
    again = _run([str(CONSOLE_SCRIPT)], cli_setup, "-d", name, "shell", stdin=SCRIPT)
    assert again.stdout == "2 admin\n"


def test_repository_launcher_reports_errors_without_traceback(cli_setup, db_names):
    name = db_names()
    result = _run([sys.executable, str(LAUNCHER)], cli_setup, "-d", name, "module", "install", "cli_notes")
    assert result.returncode == 1
    assert result.stderr == f"error: Database {name!r} does not exist; create it with 'nexa-bin db create {name}'\n"


def test_repository_launcher_argument_errors_exit_2(cli_setup):
    result = _run([sys.executable, str(LAUNCHER)], cli_setup, "db", "drop")
    assert result.returncode == 2
    assert "usage: nexa-bin db drop" in result.stderr
