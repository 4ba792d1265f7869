"""Fixtures for the ``nexa-bin`` tests: a config file, small test addons, ``main()`` driven in-process.

Databases live in a temporary data_dir (SQLite), or on the PostgreSQL server of
``NEXA_TEST_DB_URL`` when it is set; every database a test creates has a
unique name and is dropped when the test ends.
"""

from __future__ import annotations

import os
import textwrap
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from nexa.cli import main
from nexa.config import CONFIG_ENV_VAR, OPTIONS, load_config
from nexa.orm.env import Environment
from nexa.runtime import Runtime
from nexa.security.passwords import ROUNDS_VARIABLE

REPOSITORY = Path(__file__).resolve().parents[2]
DB_URL = os.environ.get("NEXA_TEST_DB_URL", "")

NOTES_MODEL = '''
from nexa.orm import Model, fields


class Note(Model):
    _name = "cli.note"
    _description = "Note"

    name = fields.Char(required=True)
'''

NOTES_EXTRA_MODEL = '''
from nexa.orm import Model, fields


class Note(Model):
    _inherit = "cli.note"

    color = fields.Integer()
'''

NOTES_ACCESS = """\
id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink
access_cli_note_user,cli.note user,model_cli_note,base.group_user,1,1,1,1
"""

NOTES_DEMO = """\
<odoo>
    <record id="note_demo" model="cli.note"><field name="name">Demo note</field></record>
</odoo>
"""

FAILING_DATA = """\
<odoo>
    <record id="broken" model="cli.no_such_model"><field name="name">x</field></record>
</odoo>
"""

#: Small addons the tests install: {name: {relative path: content}}.
TEST_ADDONS: dict[str, dict[str, str]] = {
    "cli_notes": {
        "manifest.yaml": "name: CLI Notes\nversion: '1.0'\nsummary: Notes for the CLI tests\ndepends: [base]\n"
                         "data: [security/ir.model.access.csv]\ndemo: [demo/notes.xml]\n",
        "__init__.py": "from . import models  # noqa: F401\n",
        "models.py": NOTES_MODEL,
        "security/ir.model.access.csv": NOTES_ACCESS,
        "demo/notes.xml": NOTES_DEMO,
    },
    "cli_notes_extra": {
        "manifest.yaml": "name: CLI Notes Extra\nversion: '1.0'\ndepends: [cli_notes]\n",
        "__init__.py": "from . import models  # noqa: F401\n",
        "models.py": NOTES_EXTRA_MODEL,
    },
    "cli_failing": {
        "manifest.yaml": "name: CLI Failing\nversion: '1.0'\ndepends: [base]\ndata: [data/broken.xml]\n",
        "data/broken.xml": FAILING_DATA,
    },
}


def write_addon(folder: Path, name: str, files: dict[str, str]) -> Path:
    """Write an addon's files under ``folder/name``; return the addon folder."""
    for relative, content in files.items():
        path = folder / name / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return folder / name


@pytest.fixture
def base_only(tmp_path: Path) -> Path:
    """``tmp_path/base_only``: a folder of addons holding only base (a link), so that the other
    addons of the tree, finished or not, do not count."""
    folder = tmp_path / "base_only"
    folder.mkdir()
    (folder / "base").symlink_to(REPOSITORY / "addons" / "base", target_is_directory=True)
    return folder


@pytest.fixture
def addon_writer() -> Callable[[Path, str, dict[str, str]], Path]:
    """``addon_writer(folder, name, files)`` writes a small addon for one test."""
    return write_addon


@dataclass
class Result:
    """What one ``nexa-bin`` run gave: exit status, stdout, stderr."""

    status: int
    out: str
    err: str


@dataclass
class CliSetup:
    """The files of the CLI tests: a config file and the folders it names."""

    root: Path
    config_file: Path
    data_dir: Path
    addons_dir: Path

    @contextmanager
    def runtime(self) -> Iterator[Runtime]:
        """A runtime reading the same configuration as ``nexa-bin -c config_file``, closed after."""
        runtime = Runtime(load_config(file=self.config_file, env={}))
        try:
            yield runtime
        finally:
            runtime.close()

    @contextmanager
    def environment(self, db_name: str) -> Iterator[Environment]:
        """A superuser environment on ``db_name``, to look at what a command did."""
        with self.runtime() as runtime, runtime.environment(db_name) as env:
            yield env

    def create_empty(self, name: str) -> None:
        """A database without any addon (not even base)."""
        with self.runtime() as runtime:
            runtime.server.create(name)

    def drop(self, name: str) -> None:
        with self.runtime() as runtime:
            if runtime.server.exists(name):
                runtime.server.drop(name)


def unique_db_name(prefix: str = "cli") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def cli_setup(tmp_path_factory: pytest.TempPathFactory) -> CliSetup:
    root = tmp_path_factory.mktemp("cli")
    addons_dir = root / "addons"
    addons_dir.mkdir()
    for name, files in TEST_ADDONS.items():
        write_addon(addons_dir, name, files)
    data_dir = root / "data"
    config_file = root / "nexa.conf"
    config_file.write_text(
        "[options]\n"
        f"data_dir = {data_dir}\n"
        f"db_url = {DB_URL}\n"
        f"addons_path = {REPOSITORY / 'addons'},{addons_dir}\n"
        "log_level = warning\n",
        encoding="utf-8",
    )
    return CliSetup(root, config_file, data_dir, addons_dir)


@pytest.fixture
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """No NEXA_* option from the developer's shell; fast password hashing."""
    for option in OPTIONS:
        monkeypatch.delenv(option.env_var, raising=False)
    monkeypatch.delenv(CONFIG_ENV_VAR, raising=False)
    monkeypatch.setenv(ROUNDS_VARIABLE, "1000")


@pytest.fixture
def cli(cli_setup: CliSetup, clean_environ: None, capsys: pytest.CaptureFixture) -> Callable[..., Result]:
    """``cli("db", "list")`` runs ``nexa-bin -c <test config> db list`` in-process."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        status = main(["-c", str(cli_setup.config_file), *args])
        out, err = capsys.readouterr()
        return Result(status, out, err)

    return run


@pytest.fixture
def db_names(cli_setup: CliSetup) -> Iterator[Callable[[], str]]:
    """``db_names()`` gives a new unique database name; each is dropped after the test."""
    given: list[str] = []

    def new() -> str:
        given.append(unique_db_name())
        return given[-1]

    yield new
    for name in given:
        cli_setup.drop(name)


@pytest.fixture
def database(cli: Callable[..., Result], db_names: Callable[[], str]) -> str:
    """A new database with base installed (dropped after the test)."""
    name = db_names()
    result = cli("db", "create", name, "--admin-password", "secret")
    assert result.status == 0, result.err
    return name
