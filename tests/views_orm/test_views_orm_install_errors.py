"""Broken views at install and upgrade: every problem at once, with addon/file/line/view, and a full rollback."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from nexa.modules.install import install, upgrade
from nexa.problems import ProblemsFound
from nexa.runtime import Runtime
from nexa.testing.databases import DatabasePool, make_test_config

BROKEN = "test_views_broken"


@pytest.fixture(scope="module")
def failed_install(nexa_runtime, nexa_databases):
    """Try to install the broken addon on top of the chain; the error and the database name."""
    name = nexa_databases.get(("test_views_c",))
    with pytest.raises(ProblemsFound) as caught:
        install(nexa_runtime, name, [BROKEN])
    return caught.value, name


def problem(error, code, fragment=""):
    found = [item for item in error.problems if item.id == code and fragment in str(item)]
    assert found, f"no {code} problem with {fragment!r} in:\n{error}"
    return found[0]


def test_every_broken_view_is_reported_in_one_run(failed_install):
    error, _name = failed_install
    assert {item.id for item in error.problems} == {"views.E001", "views.E010", "views.E021", "views.E023",
                                                   "views.E025", "views.E027", "views.E040"}


def test_problem_names_addon_file_line_and_view(failed_install):
    error, _name = failed_install
    item = problem(error, "views.E025")
    assert item.obj == f"addon {BROKEN}, file views/broken_views.xml:16, view {BROKEN}.bad_form"


def test_lines_stay_right_after_a_start_tag_spread_over_lines(failed_install):
    error, _name = failed_install  # libxml2 numbers an element by the line ending its start tag
    assert problem(error, "views.E027").obj.startswith(f"addon {BROKEN}, file views/broken_views.xml:18,")
    assert problem(error, "views.E023", "colour").obj.startswith(f"addon {BROKEN}, file views/broken_views.xml:19,")


def test_unmatched_xpath_names_both_views_the_expression_and_the_nearest_node(failed_install):
    error, _name = failed_install
    item = problem(error, "views.E010", "partner_idd")
    assert item.obj == f"addon {BROKEN}, file views/broken_extensions.xml:8, view {BROKEN}.form_typo"
    assert "view test_views_a.order_form" in item.message
    assert "nearest node: <field name=\"partner_id\">" in item.message
    assert item.hint == "did you mean //field[@name='partner_id']?"


def test_unmatched_shorthand_is_reported_too(failed_install):
    error, _name = failed_install
    assert "nearest node: <field name=\"amount\">" in problem(error, "views.E010", "amount_total").message


def test_field_added_by_an_extension_is_blamed_on_the_extension(failed_install):
    error, _name = failed_install
    assert problem(error, "views.E023", "partner_ref").obj.endswith(f"broken_extensions.xml:23, view {BROKEN}"
                                                                   ".form_bad_field")


def test_inheritance_loop_is_reported_once(failed_install):
    error, _name = failed_install
    loops = [item for item in error.problems if item.id == "views.E040"]
    assert len(loops) == 1 and "loop_one" in loops[0].message and "loop_two" in loops[0].message


def test_malformed_arch_is_a_problem_with_its_line(failed_install):
    error, _name = failed_install
    assert problem(error, "views.E001").obj == f"addon {BROKEN}, file views/broken_views.xml:27, view {BROKEN}" \
                                               ".malformed"


def test_failed_install_leaves_nothing_behind(failed_install, nexa_runtime):
    _error, name = failed_install
    with nexa_runtime.environment(name) as env:
        module = env["ir.module.module"].search([("name", "=", BROKEN)])
        leftovers = env["ir.ui.view"].with_context(active_test=False).search([("name", "like", "broken:")])
        xmlids = env["ir.model.data"].search([("module", "=", BROKEN)])
        assert (module.state, len(leftovers), len(xmlids)) == ("uninstalled", 0, 0)


def test_failed_install_keeps_the_installed_views_working(failed_install, nexa_runtime):
    _error, name = failed_install
    with nexa_runtime.environment(name) as env:
        assert "reference" in env["test.views.order"].get_views([(False, "form")])["views"]["form"]["arch"]


def write_addon(folder: Path, name: str, depends: list[str], views: str) -> None:
    (folder / name / "views").mkdir(parents=True, exist_ok=True)
    (folder / name / "manifest.yaml").write_text(
        f"name: {name}\nversion: '1.0'\ndepends: {depends}\ndata:\n  - views/views.xml\n")
    (folder / name / "views" / "views.xml").write_text(f"<odoo>\n{views}\n</odoo>\n")


PARTNER_FORM = """<record id="partner_form" model="ir.ui.view">
    <field name="name">upgrade test partner form</field>
    <field name="model">res.partner</field>
    <field name="priority">99</field>
    <field name="arch" type="xml">
        <form><field name="name"/>{extra}</form>
    </field>
</record>"""


def extensions(count: int) -> str:
    return "\n".join(textwrap.dedent(f"""\
        <record id="ext_{number}" model="ir.ui.view">
            <field name="name">upgrade test extension {number}</field>
            <field name="inherit_id" ref="test_views_upgrade_base.partner_form"/>
            <field name="arch" type="xml">
                <field name="email" position="after"><field name="phone"/></field>
            </field>
        </record>""") for number in range(count))


def test_upgrade_breaking_ten_inherited_views_reports_all_ten(tmp_path):
    addons = tmp_path / "addons"
    write_addon(addons, "test_views_upgrade_base", ["base"], PARTNER_FORM.format(extra='<field name="email"/>'))
    write_addon(addons, "test_views_upgrade_ext", ["test_views_upgrade_base"], extensions(10))
    config = make_test_config(tmp_path / "data")
    runtime = Runtime(dataclasses.replace(config, addons_path=(*config.addons_path, addons)))
    databases = DatabasePool(runtime, prefix="nexa_test_upgrade")
    try:
        name = databases.get(("test_views_upgrade_ext",))
        write_addon(addons, "test_views_upgrade_base", ["base"], PARTNER_FORM.format(extra=""))
        with pytest.raises(ProblemsFound) as caught:
            upgrade(runtime, name, ["test_views_upgrade_base"])
        unmatched = [item for item in caught.value.problems if item.id == "views.E010"]
        assert sorted(item.obj for item in unmatched) == sorted(
            f"addon test_views_upgrade_ext, file views/views.xml:{6 + 7 * number}, view test_views_upgrade_ext"
            f".ext_{number}" for number in range(10))
    finally:
        databases.close()
