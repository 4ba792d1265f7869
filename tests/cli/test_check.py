"""``nexa-bin check``: every definition problem of the addons, reported together, exit status 1."""

from __future__ import annotations

import uuid

import pytest

BROKEN_MODEL = '''
from nexa.orm import Model, fields


class Book(Model):
    _name = "{name}.book"
    _description = "Book"

    name = fields.Char()
    author_id = fields.Many2one("res.partnr")
    {extra}
'''


@pytest.fixture
def addon_folder(tmp_path, base_only):
    folder = tmp_path / "more_addons"
    folder.mkdir()
    return folder


def _broken_addon(writer, folder, *, extra=""):
    """An addon whose model points to 'res.partnr' (a typo); returns its name."""
    name = f"broken_{uuid.uuid4().hex[:8]}"
    writer(folder, name, {
        "manifest.yaml": f"name: {name}\ndepends: [base]\n",
        "__init__.py": "from . import models  # noqa: F401\n",
        "models.py": BROKEN_MODEL.format(name=name, extra=extra),
    })
    return name


def _path(folder):
    return f"{folder.parent / 'base_only'},{folder}"


def test_check_of_valid_addons_finds_no_problem(cli, cli_setup, base_only):
    result = cli("--addons-path", f"{base_only},{cli_setup.addons_dir}", "check")
    assert result.status == 0, result.out + result.err
    assert result.out.startswith("No problems found (4 addons, ")  # base and the three test addons


def test_check_reports_a_problem_with_its_id_and_hint(cli, addon_folder, addon_writer):
    name = _broken_addon(addon_writer, addon_folder)
    result = cli("--addons-path", _path(addon_folder), "check")
    assert result.status == 1
    assert f"[models.E001] model {name}.book (addons {name}), field author_id: comodel 'res.partnr'" in result.out
    assert "did you mean 'res.partner'?" in result.out
    assert "Traceback" not in result.err


def test_check_reports_every_problem_at_once(cli, addon_folder, addon_writer):
    _broken_addon(addon_writer, addon_folder, extra='tag_ids = fields.Many2many("res.partner.categ")')
    result = cli("--addons-path", _path(addon_folder), "check")
    assert result.status == 1
    assert result.out.count("[models.E001]") == 2
    assert result.out.splitlines()[-1] == "2 problems found in 2 addons"


def test_check_with_database_checks_only_its_installed_addons(cli, database, addon_folder, addon_writer):
    _broken_addon(addon_writer, addon_folder)
    result = cli("--addons-path", _path(addon_folder), "-d", database, "check")
    assert result.status == 0, result.out + result.err
    assert result.out.startswith("No problems found (1 addons")


def test_check_with_missing_database_is_an_error(cli, db_names):
    name = db_names()
    result = cli("-d", name, "check")
    assert result.status == 1
    assert f"error: Database {name!r} does not exist" in result.err


def test_check_with_empty_database_is_an_error(cli, cli_setup, db_names):
    name = db_names()
    cli_setup.create_empty(name)
    result = cli("-d", name, "check")
    assert result.status == 1
    assert f"error: Database {name!r} has no addon installed: nothing to check" in result.err


def test_check_reports_a_missing_dependency(cli, addon_folder, addon_writer):
    addon_writer(addon_folder, "cli_orphan", {"manifest.yaml": "name: Orphan\ndepends: [bsae]\n"})
    result = cli("--addons-path", _path(addon_folder), "check")
    assert result.status == 1
    assert "error: addon 'cli_orphan' depends on 'bsae'" in result.err
    assert "did you mean 'base'?" in result.err


def test_check_reports_an_addon_that_fails_to_import(cli, addon_folder, addon_writer):
    name = f"noimport_{uuid.uuid4().hex[:8]}"
    addon_writer(addon_folder, name, {"manifest.yaml": "name: X\ndepends: [base]\n",
                                      "__init__.py": "import not_a_module_anywhere\n"})
    result = cli("--addons-path", _path(addon_folder), "check")
    assert result.status == 1
    assert f"error: Addon {name!r} failed to import: ModuleNotFoundError" in result.err
