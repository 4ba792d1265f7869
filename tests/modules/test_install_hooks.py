"""Lifecycle hooks (pluggy hookimpls of tests/addons/test_hooks) and auto_install (tests/addons/test_auto).

One database goes through: install test_hooks, upgrade it, install test_inherit_a
(which auto-installs test_auto), uninstall test_auto alone, install it again,
uninstall test_hooks. The ``steps`` fixture records what each step left behind.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from nexa.modules.install import install, uninstall, upgrade


def hook_logs(runtime, name):
    with runtime.environment(name) as env:
        if "test.hook.log" not in env:
            return []
        return [(log.name, log.note or "") for log in env["test.hook.log"].search([])]


def columns(runtime, name, table):
    with runtime.database(name).engine.connect() as connection:
        inspector = inspect(connection)
        if not inspector.has_table(table):
            return None
        return {column["name"] for column in inspector.get_columns(table)}


def states(runtime, name):
    with runtime.environment(name) as env:
        return {module.name: module.state for module in env["ir.module.module"].search([])}


@pytest.fixture(scope="module")
def steps(nexa_runtime, nexa_databases):
    runtime, name = nexa_runtime, nexa_databases.new("hooks")
    result = {}

    def record(step, returned):
        result[step] = {"returned": returned, "logs": hook_logs(runtime, name), "states": states(runtime, name),
                        "log_columns": columns(runtime, name, "test_hook_log")}

    record("install", install(runtime, name, ["test_hooks"]))
    record("upgrade", upgrade(runtime, name, ["test_hooks"]))
    record("install_a", install(runtime, name, ["test_inherit_a"]))
    record("uninstall_auto", uninstall(runtime, name, ["test_auto"]))
    record("install_auto", install(runtime, name, ["test_auto"]))
    record("uninstall_hooks", uninstall(runtime, name, ["test_hooks"]))
    with runtime.environment(name) as env:
        result["uninstall_hooks"]["parameter"] = env["ir.config_parameter"].get_param(
            "test_hooks.uninstalled_with_logs")
    yield result
    nexa_databases.drop(name)


def test_pre_install_runs_after_the_tables_before_the_data(steps):
    assert steps["install"]["logs"][0] == ("pre_install", "data loaded: False")


def test_post_install_runs_after_the_data(steps):
    assert [name for name, _note in steps["install"]["logs"]] == ["pre_install", "data", "post_install"]
    assert steps["install"]["logs"][2] == ("post_install", "data loaded: True")


def test_post_upgrade_gets_the_previously_installed_version(steps):
    assert steps["upgrade"]["logs"][-1] == ("post_upgrade", "from 1.2")


def test_upgrade_runs_no_install_hook(steps):
    assert [name for name, _note in steps["upgrade"]["logs"]].count("post_install") == 1


def test_auto_install_addon_comes_with_its_last_missing_dependency(steps):
    assert steps["install_a"]["returned"] == ["test_inherit_a", "test_auto"]
    assert steps["install_a"]["states"]["test_auto"] == "installed"


def test_auto_install_addon_is_not_installed_before_all_its_dependencies(steps):
    assert steps["install"]["states"]["test_auto"] == "uninstalled"


def test_auto_installed_extension_adds_its_column(steps):
    assert "animal_id" in steps["install_a"]["log_columns"]


def test_uninstalling_an_extension_drops_its_many2one_column(steps):
    step = steps["uninstall_auto"]
    assert step["returned"] == ["test_auto"]
    assert "animal_id" not in step["log_columns"] and "note" in step["log_columns"]


def test_uninstalling_an_extension_keeps_the_records_of_the_extended_model(steps):
    assert steps["uninstall_auto"]["logs"] == steps["install_a"]["logs"]


def test_an_auto_install_addon_can_be_installed_explicitly_again(steps):
    assert steps["install_auto"]["returned"] == ["test_auto"]


def test_uninstall_removes_auto_installed_addons_depending_on_it(steps):
    step = steps["uninstall_hooks"]
    assert step["returned"] == ["test_hooks", "test_auto"]
    assert step["states"]["test_inherit_a"] == "installed"


def test_uninstall_hook_runs_while_the_models_still_work(steps):
    assert steps["uninstall_hooks"]["parameter"] == "4"


def test_uninstall_drops_the_table_after_the_hook(steps):
    assert steps["uninstall_hooks"]["log_columns"] is None
