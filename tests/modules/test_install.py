"""Install, upgrade and uninstall (nexa.modules.install) on a real database, step by step.

One database goes through the whole life of the inheritance test addons:
install test_inherit_a, install test_inherit_b on top, upgrade test_inherit_a,
uninstall test_inherit_b, uninstall test_inherit_a. The ``lifecycle`` fixture
runs those steps once and records what the database looked like after each, so
every test below checks one behaviour of one step without redoing the installs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import inspect

from nexa.exceptions import AddonError
from nexa.modules.install import install, uninstall, upgrade
from nexa.runtime import Runtime


@dataclass
class Observation:
    """What one step returned and what the database held after it."""

    result: list[str]
    states: dict[str, str]
    versions: dict[str, str]
    columns: dict[str, set[str]]
    not_null: dict[str, set[str]]
    models: set[str]
    animal_fields: set[str]
    xmlids: set[str]
    registry: Any
    describe: list[str] | None
    lion: dict | None


def observe(runtime: Runtime, name: str, result: list[str]) -> Observation:
    database = runtime.database(name)
    with database.engine.connect() as connection:
        inspector = inspect(connection)
        found = {table: inspector.get_columns(table) for table in inspector.get_table_names()}
    columns = {table: {c["name"] for c in described} for table, described in found.items()}
    not_null = {table: {c["name"] for c in described if not c["nullable"]} for table, described in found.items()}
    with runtime.environment(name) as env:
        modules = env["ir.module.module"].search([])
        lion = env.ref("test_inherit_a.animal_lion", raise_if_not_found=False) if "test.animal" in env else None
        lion_fields = [name for name in ("name", "legs", "color", "habitat") if lion and name in lion._fields]
        return Observation(
            result=result,
            states={module.name: module.state for module in modules},
            versions={module.name: module.latest_version for module in modules},
            columns=columns,
            not_null=not_null,
            models=set(env["ir.model"].search([]).mapped("model")),
            animal_fields=set(env["ir.model.fields"].search([("model", "=", "test.animal")]).mapped("name")),
            xmlids={f"{data.module}.{data.name}" for data in env["ir.model.data"].search([])},
            registry=database.registry,
            describe=lion.describe() if lion else None,
            lion=lion.read(lion_fields)[0] if lion else None,
        )


@pytest.fixture(scope="module")
def lifecycle(nexa_runtime, nexa_databases):
    name = nexa_databases.new("lifecycle")
    steps = {"install_a": observe(nexa_runtime, name, install(nexa_runtime, name, ["test_inherit_a"]))}
    steps["install_a_again"] = observe(nexa_runtime, name, install(nexa_runtime, name, ["test_inherit_a"]))
    steps["install_b"] = observe(nexa_runtime, name, install(nexa_runtime, name, ["test_inherit_b"]))
    with nexa_runtime.environment(name) as env:
        env.ref("test_inherit_a.animal_lion").write({"name": "Renamed by a user", "legs": 3})
        stale = env["test.zoo"].create({"name": "No longer in any data file"})
        env["ir.model.data"].create({"module": "test_inherit_a", "name": "zoo_removed", "model": "test.zoo",
                                     "res_id": stale.id})
    steps["upgrade_a"] = observe(nexa_runtime, name, upgrade(nexa_runtime, name, ["test_inherit_a"]))
    steps["uninstall_b"] = observe(nexa_runtime, name, uninstall(nexa_runtime, name, ["test_inherit_b"]))
    steps["reinstall_b"] = observe(nexa_runtime, name, install(nexa_runtime, name, ["test_inherit_b"]))
    steps["uninstall_a"] = observe(nexa_runtime, name, uninstall(nexa_runtime, name, ["test_inherit_a"]))
    steps["name"] = name
    yield steps
    nexa_databases.drop(name)


# -- install ----------------------------------------------------------------------------------------


def test_install_returns_the_newly_installed_addons_in_load_order(lifecycle):
    assert lifecycle["install_a"].result == ["base", "test_inherit_a"]


def test_install_marks_the_addons_installed_with_their_version(lifecycle):
    step = lifecycle["install_a"]
    assert (step.states["base"], step.states["test_inherit_a"]) == ("installed", "installed")
    assert step.versions["test_inherit_a"] == "1.0"


def test_install_lists_every_addon_of_the_path_as_uninstalled(lifecycle):
    step = lifecycle["install_a"]
    assert step.states["test_inherit_b"] == step.states["test_hooks"] == "uninstalled"


def test_install_creates_the_tables_of_the_new_models(lifecycle):
    assert {"test_animal", "test_zoo", "test_animal_wizard"} <= set(lifecycle["install_a"].columns)


def test_install_creates_no_table_for_an_abstract_model(lifecycle):
    assert "test_mixin_noisy" not in lifecycle["install_a"].columns


def test_install_loads_the_data_files(lifecycle):
    lion = lifecycle["install_a"].lion
    assert (lion["name"], lion["legs"]) == ("Lion", 4)


def test_install_records_the_external_ids_of_the_data(lifecycle):
    assert {"test_inherit_a.animal_lion", "test_inherit_a.zoo_antwerp"} <= lifecycle["install_a"].xmlids


def test_install_reflects_the_models_in_ir_model(lifecycle):
    assert {"test.animal", "test.zoo", "test.mixin.noisy"} <= lifecycle["install_a"].models


def test_install_swaps_in_the_new_registry(lifecycle):
    assert "test.animal" in lifecycle["install_a"].registry


def test_installing_an_installed_addon_does_nothing(lifecycle):
    again = lifecycle["install_a_again"]
    assert again.result == [] and again.registry is lifecycle["install_a"].registry


def test_install_of_an_extension_adds_columns_to_the_existing_table(lifecycle):
    assert {"color", "noise"} <= lifecycle["install_b"].columns["test_animal"]
    assert "color" not in lifecycle["install_a"].columns["test_animal"]


def test_install_of_an_extension_keeps_the_existing_records(lifecycle):
    assert lifecycle["install_b"].lion["id"] == lifecycle["install_a"].lion["id"]


def test_install_of_an_extension_gives_existing_records_the_new_defaults(lifecycle):
    lion = lifecycle["install_b"].lion
    assert (lion["color"], lion["habitat"]) == ("brown", "land")


def test_install_of_an_extension_makes_a_new_required_column_not_null_where_the_database_can(
        lifecycle, nexa_runtime):
    not_null = "habitat" in lifecycle["install_b"].not_null["test_animal"]
    assert not_null is (nexa_runtime.server.kind == "postgresql")  # SQLite cannot alter a column


def test_install_of_an_extension_reflects_its_fields(lifecycle):
    assert {"color", "habitat", "noise"} <= lifecycle["install_b"].animal_fields
    assert "color" not in lifecycle["install_a"].animal_fields


def test_install_of_an_extension_changes_the_composed_methods(lifecycle):
    assert (lifecycle["install_a"].describe, lifecycle["install_b"].describe) == (["a"], ["a", "b"])


def test_install_creates_the_table_of_a_prototype_model(lifecycle):
    assert "test_pet" in lifecycle["install_b"].columns


# -- upgrade ----------------------------------------------------------------------------------------


def test_upgrade_includes_the_addons_depending_on_the_upgraded_one(lifecycle):
    assert lifecycle["upgrade_a"].result == ["test_inherit_a", "test_inherit_b"]


def test_upgrade_reloads_data_over_user_changes(lifecycle):
    assert lifecycle["upgrade_a"].lion["name"] == "Lion"


def test_upgrade_deletes_records_no_data_file_mentions_any_more(lifecycle):
    assert "test_inherit_a.zoo_removed" not in lifecycle["upgrade_a"].xmlids
    assert "test_inherit_a.zoo_antwerp" in lifecycle["upgrade_a"].xmlids


def test_upgrade_keeps_the_addons_installed(lifecycle):
    assert lifecycle["upgrade_a"].states["test_inherit_b"] == "installed"


# -- uninstall --------------------------------------------------------------------------------------


def test_uninstall_returns_what_was_removed(lifecycle):
    assert lifecycle["uninstall_b"].result == ["test_inherit_b"]


def test_uninstall_marks_the_addon_uninstalled(lifecycle):
    step = lifecycle["uninstall_b"]
    assert (step.states["test_inherit_b"], step.versions["test_inherit_b"]) == ("uninstalled", False)


def test_uninstall_drops_the_tables_of_the_models_it_defined(lifecycle):
    assert "test_pet" not in lifecycle["uninstall_b"].columns


def test_uninstall_drops_the_columns_it_added_to_other_models(lifecycle):
    columns = lifecycle["uninstall_b"].columns["test_animal"]
    assert not {"color", "habitat", "noise"} & columns and "legs" in columns


def test_uninstall_removes_the_fields_it_added_from_ir_model_fields(lifecycle):
    fields = lifecycle["uninstall_b"].animal_fields
    assert not {"color", "habitat", "noise"} & fields and "legs" in fields


def test_uninstall_removes_the_models_from_ir_model(lifecycle):
    step = lifecycle["uninstall_b"]
    assert "test.pet" not in step.models and "test.animal" in step.models


def test_uninstall_gives_back_the_registry_without_the_addon(lifecycle):
    step = lifecycle["uninstall_b"]
    assert "test.pet" not in step.registry and step.describe == ["a"]


def test_an_addon_can_be_installed_again_after_an_uninstall(lifecycle):
    step = lifecycle["reinstall_b"]
    assert step.result == ["test_inherit_b"] and "color" in step.columns["test_animal"]


def test_uninstall_also_removes_the_addons_depending_on_it(lifecycle):
    step = lifecycle["uninstall_a"]
    assert step.result == ["test_inherit_a", "test_inherit_b"]
    assert step.states["test_inherit_a"] == step.states["test_inherit_b"] == "uninstalled"


def test_uninstall_removes_the_data_and_its_external_ids(lifecycle):
    assert not {xmlid for xmlid in lifecycle["uninstall_a"].xmlids if xmlid.startswith("test_inherit_")}


def test_uninstall_drops_every_table_of_the_addons_and_keeps_base(lifecycle):
    columns = lifecycle["uninstall_a"].columns
    assert not {"test_animal", "test_zoo", "test_animal_wizard", "test_pet"} & set(columns)
    assert {"res_partner", "ir_module_module"} <= set(columns)


# -- other processes and refused operations ------------------------------------------------------------


def test_another_runtime_reloads_the_registry_after_an_install(nexa_runtime, nexa_databases):
    name = nexa_databases.new("signal")
    install(nexa_runtime, name, ["base"])
    other = Runtime(nexa_runtime.config)
    try:
        assert "test.zoo" not in other.database(name).registry
        install(nexa_runtime, name, ["test_inherit_a"])
        assert "test.zoo" in other.database(name).registry
    finally:
        other.close()
        nexa_databases.drop(name)


def test_installing_an_unknown_addon_suggests_the_closest_name(nexa_runtime, nexa_databases):
    with pytest.raises(AddonError) as error:
        install(nexa_runtime, nexa_databases.get(["base"]), ["test_inherit_z"])
    assert "Addon 'test_inherit_z' is not on the addons path" in str(error.value)
    assert "did you mean" in str(error.value) and error.value.addon == "test_inherit_z"


def test_upgrading_an_addon_that_is_not_installed_is_refused(nexa_runtime, nexa_databases):
    with pytest.raises(AddonError, match="Cannot upgrade test_hooks: not installed"):
        upgrade(nexa_runtime, nexa_databases.get(["base"]), ["test_hooks"])


def test_uninstalling_base_is_refused(nexa_runtime, nexa_databases):
    with pytest.raises(AddonError, match="base addon cannot be uninstalled"):
        uninstall(nexa_runtime, nexa_databases.get(["base"]), ["base"])


def test_uninstalling_an_addon_that_is_not_installed_is_refused(nexa_runtime, nexa_databases):
    with pytest.raises(AddonError, match="Cannot uninstall test_hooks: not installed"):
        uninstall(nexa_runtime, nexa_databases.get(["base"]), ["test_hooks"])


@pytest.mark.addons("base")
@pytest.mark.demo
def test_install_with_demo_loads_the_demo_files_and_remembers_it(env):
    assert env.ref("base.res_partner_azure").name == "Azure Interior"
    assert env["ir.module.module"].search([("name", "=", "base")]).demo is True


def test_install_without_demo_skips_the_demo_files(env):
    assert env.ref("base.res_partner_azure", raise_if_not_found=False) is None
