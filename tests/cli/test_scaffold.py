"""``nexa-bin scaffold``: a new addon skeleton that installs and passes its own tests as generated."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import uuid

import pytest
from lxml import etree

from nexa.cli.scaffold import check_addon_name, template_values
from nexa.exceptions import AddonError
from nexa.modules.manifest import load_manifest

EXPECTED_FILES = ("__init__.py", "manifest.yaml", "models/__init__.py", "models/{name}.py",
                  "security/ir.model.access.csv", "tests/test_{name}.py", "views/{name}_views.xml")

#: Lets the generated tests run outside the Nexa tree: the test plugin's runtime also sees ADDONS.
RUNNER_CONFTEST = '''
import pytest

from nexa.runtime import Runtime
from nexa.testing.databases import make_test_config


@pytest.fixture(scope="session")
def nexa_runtime(tmp_path_factory):
    config = make_test_config(tmp_path_factory.mktemp("nexa-data"))
    runtime = Runtime(config.replace(addons_path=(*config.addons_path, {addons!r})))
    yield runtime
    runtime.close()
'''


@pytest.fixture
def dest(tmp_path):
    folder = tmp_path / "my_addons"
    folder.mkdir()
    return folder


@pytest.fixture
def addon_name():
    """A name no other test uses (imported addons stay in sys.modules under their name)."""
    return f"scaf_{uuid.uuid4().hex[:8]}"


@pytest.fixture
def scaffolded(cli, dest, addon_name):
    result = cli("scaffold", addon_name, "--dest", str(dest))
    assert result.status == 0, result.err
    return dest / addon_name


def test_scaffold_writes_the_skeleton(scaffolded, addon_name):
    written = sorted(str(path.relative_to(scaffolded)) for path in scaffolded.rglob("*") if path.is_file())
    assert written == sorted(name.format(name=addon_name) for name in EXPECTED_FILES)


def test_scaffold_reports_where_it_wrote(cli, dest, addon_name):
    result = cli("scaffold", addon_name, "--dest", str(dest))
    assert result.out.splitlines()[0] == f"Created addon {addon_name} in {dest / addon_name}"


def test_scaffolded_manifest_is_valid_and_lists_its_data(scaffolded, addon_name):
    manifest = load_manifest(scaffolded)
    assert manifest.name == template_values(addon_name)["title"]
    assert manifest.depends == ("base",)
    assert manifest.data == ("security/ir.model.access.csv", f"views/{addon_name}_views.xml")


def test_scaffolded_python_files_compile(scaffolded):
    for path in scaffolded.rglob("*.py"):
        compile(path.read_text(), str(path), "exec")


def test_scaffolded_views_hold_list_form_action_and_menus(scaffolded, addon_name):
    root = etree.parse(str(scaffolded / "views" / f"{addon_name}_views.xml")).getroot()
    assert root.tag == "odoo"
    views = root.findall("record[@model='ir.ui.view']")
    assert sorted(view.find("field[@name='arch']")[0].tag for view in views) == ["form", "list"]
    assert {view.findtext("field[@name='model']") for view in views} == {f"{addon_name}.{addon_name}"}
    action = root.find("record[@model='ir.actions.act_window']")
    assert action.findtext("field[@name='res_model']") == f"{addon_name}.{addon_name}"
    menus = root.findall("menuitem")
    assert [menu.get("action") for menu in menus] == [None, action.get("id")]


def test_scaffolded_access_rights_give_users_the_model(scaffolded, addon_name):
    with (scaffolded / "security" / "ir.model.access.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["model_id:id"], row["group_id:id"]) for row in rows] == \
        [(f"model_{addon_name}_{addon_name}", "base.group_user")]


def test_scaffolded_addon_passes_check(cli, scaffolded, dest, base_only):
    result = cli("--addons-path", f"{base_only},{dest}", "check")
    assert result.status == 0, result.out + result.err
    assert result.out.startswith("No problems found (2 addons, ")


def test_scaffolded_addon_installs(cli, cli_setup, scaffolded, dest, db_names):
    config = cli_setup.config_file.read_text().replace("addons_path = ", f"addons_path = {dest},")
    (dest.parent / "with_scaffold.conf").write_text(config)
    name = db_names()
    result = cli("-c", str(dest.parent / "with_scaffold.conf"), "db", "create", name, "--admin-password", "x",
                 "--with", scaffolded.name)
    assert result.status == 0, result.err
    assert result.out.startswith(f"Created database {name}") and scaffolded.name in result.out


def test_scaffolded_addon_passes_its_own_tests(scaffolded, dest):
    root = dest.parent
    (root / "pytest.ini").write_text("[pytest]\n")
    (root / "conftest.py").write_text(RUNNER_CONFTEST.format(addons=str(dest)))
    env = {**os.environ, "NEXA_PASSWORD_ROUNDS": "1000"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(scaffolded / "tests")],
                         cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout


def test_scaffold_into_the_current_folder_by_default(cli, dest, addon_name, monkeypatch):
    monkeypatch.chdir(dest)
    assert cli("scaffold", addon_name).status == 0
    assert (dest / addon_name / "manifest.yaml").is_file()


def test_scaffold_outside_the_addons_path_says_how_to_install(cli, dest, addon_name):
    result = cli("scaffold", addon_name, "--dest", str(dest))
    assert f"Add '{dest.resolve()}' to addons_path" in result.out


def test_scaffold_on_the_addons_path_gives_no_hint(cli, cli_setup, addon_name):
    result = cli("scaffold", addon_name, "--dest", str(cli_setup.addons_dir))
    try:
        assert result.status == 0, result.err
        assert "addons_path" not in result.out
    finally:
        import shutil

        shutil.rmtree(cli_setup.addons_dir / addon_name)


def test_scaffold_refuses_an_existing_folder(cli, dest, addon_name):
    (dest / addon_name).mkdir()
    result = cli("scaffold", addon_name, "--dest", str(dest))
    assert result.status == 1
    assert f"error: Cannot scaffold addon {addon_name!r}: {str(dest / addon_name)!r} already exists" in result.err


def test_scaffold_refuses_the_name_of_an_addon_on_the_path(cli, dest):
    result = cli("scaffold", "base", "--dest", str(dest))
    assert result.status == 1
    assert "error: Cannot scaffold addon 'base': an addon of that name is already on the addons path" in result.err
    assert not (dest / "base").exists()


@pytest.mark.parametrize(("name", "suggestion"), [("My-Library", "my_library"), ("2fast", "x_2fast"),
                                                   ("class", "x_class")])
def test_scaffold_refuses_an_invalid_name_and_suggests_one(cli, dest, name, suggestion):
    result = cli("scaffold", name, "--dest", str(dest))
    assert result.status == 1
    assert f"error: Invalid addon name {name!r}" in result.err
    assert f"e.g. {suggestion!r}" in result.err
    assert list(dest.iterdir()) == []


def test_scaffold_without_name_is_an_argument_error(cli):
    assert cli("scaffold").status == 2


def test_check_addon_name_accepts_a_technical_name():
    assert check_addon_name("sale_extra2") == "sale_extra2"


def test_check_addon_name_error_names_the_addon():
    with pytest.raises(AddonError) as error:
        check_addon_name("Sale")
    assert error.value.addon == "Sale"


def test_template_values_derive_title_model_and_class():
    assert template_values("book_loan") == {"name": "book_loan", "title": "Book Loan", "model": "book_loan.book_loan",
                                            "model_xmlid": "book_loan_book_loan", "class_name": "BookLoan"}


def test_scaffolded_manifest_title_stays_text_for_yaml_words(cli, dest):
    assert cli("scaffold", "null", "--dest", str(dest)).status == 0
    assert load_manifest(dest / "null").name == "Null"
