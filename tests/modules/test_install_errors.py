"""Installs that must fail: a clear error naming what is wrong, and the database left exactly as it was.

The broken addons live in tests/addons/broken and tests/addons/malformed, out
of the shared test addons path; the tests give them to a runtime of their own
that works on the same database server.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from nexa.exceptions import (
    AddonError,
    DataFileError,
    DependencyError,
    ManifestError,
    ModelDefinitionError,
    NexaError,
)
from nexa.modules.install import install
from nexa.problems import ProblemsFound
from nexa.runtime import SIGNAL_TABLE, Runtime

ADDONS = Path(__file__).resolve().parents[1] / "addons"


@pytest.fixture(scope="module")
def database(nexa_runtime, nexa_databases):
    """A database with base installed; every failing install below must leave it untouched."""
    name = nexa_databases.new("install_errors")
    install(nexa_runtime, name, ["base"])
    yield name
    nexa_databases.drop(name)


@pytest.fixture(scope="module")
def broken_runtime(nexa_runtime):
    """A runtime that also sees tests/addons/broken."""
    config = nexa_runtime.config.replace(addons_path=[*nexa_runtime.config.addons_path, ADDONS / "broken"])
    runtime = Runtime(config)
    yield runtime
    runtime.close()


def snapshot(runtime: Runtime, name: str) -> dict:
    """Everything an install could change: the schema, the addon states, the rows of the catalogue."""
    database = runtime.open(name)
    with database.engine.connect() as connection:
        inspector = inspect(connection)
        schema = {table: (sorted(c["name"] for c in inspector.get_columns(table)),
                          sorted(i["name"] for i in inspector.get_indexes(table)))
                  for table in inspector.get_table_names()}
        counts = {table: connection.execute(select(func.count()).select_from(text(table))).scalar()
                  for table in ("ir_model", "ir_model_fields", "ir_model_data", "res_partner", "res_users")}
        modules = sorted(connection.execute(text("SELECT name, state, latest_version FROM ir_module_module")))
        signal = connection.execute(select(SIGNAL_TABLE.c.sequence)).scalar()
    return {"schema": schema, "counts": counts, "modules": modules, "signal": signal}


# -- a data file failing after the tables were created -----------------------------------------------


def test_failing_data_file_names_addon_file_line_model_field_and_value(nexa_runtime, database):
    with pytest.raises(DataFileError) as error:
        install(nexa_runtime, database, ["test_install_fails"])
    message = str(error.value)
    assert message.startswith("data/test_fail_record_data.xml:11: ")
    assert "test_install_fails.broken_record" in message
    assert "test.fail.record.amount: 'not a number' (expected an integer)" in message
    assert (error.value.addon, error.value.line, error.value.model, error.value.field) == \
        ("test_install_fails", 11, "test.fail.record", "amount")


def test_failed_install_leaves_the_database_exactly_as_it_was(nexa_runtime, database):
    before = snapshot(nexa_runtime, database)
    with pytest.raises(DataFileError):
        install(nexa_runtime, database, ["test_install_fails"])
    assert snapshot(nexa_runtime, database) == before


def test_failed_install_creates_no_table_and_no_column(nexa_runtime, database):
    with pytest.raises(DataFileError):
        install(nexa_runtime, database, ["test_install_fails"])
    with nexa_runtime.open(database).engine.connect() as connection:
        inspector = inspect(connection)
        assert not inspector.has_table("test_fail_record")
        assert "fail_code" not in {c["name"] for c in inspector.get_columns("res_partner")}


def test_failed_install_keeps_the_running_registry(nexa_runtime, database):
    registry = nexa_runtime.database(database).registry
    with pytest.raises(DataFileError):
        install(nexa_runtime, database, ["test_install_fails"])
    assert nexa_runtime.database(database).registry is registry
    assert "test.fail.record" not in registry


def test_failed_install_rolls_back_the_records_written_before_the_error(nexa_runtime, database):
    with pytest.raises(DataFileError):
        install(nexa_runtime, database, ["test_install_fails"])
    with nexa_runtime.environment(database) as env:
        assert env["res.partner"].search_count([("name", "=", "Partner written by the failing install")]) == 0
        assert env.ref("test_install_fails.first_record", raise_if_not_found=False) is None


def test_failed_first_install_leaves_an_empty_database_empty(nexa_runtime, nexa_databases):
    name = nexa_databases.new("install_errors_empty")
    try:
        with pytest.raises(DataFileError):
            install(nexa_runtime, name, ["test_install_fails"])
        with nexa_runtime.open(name).engine.connect() as connection:
            assert inspect(connection).get_table_names() == []
    finally:
        nexa_databases.drop(name)


def test_database_still_installs_after_a_failed_install(nexa_runtime, database):
    with pytest.raises(DataFileError):
        install(nexa_runtime, database, ["test_install_fails"])
    assert install(nexa_runtime, database, ["test_hooks"]) == ["test_hooks"]


# -- refused before anything runs -------------------------------------------------------------------------


def test_missing_external_dependencies_are_listed_with_their_fix(nexa_runtime, database):
    with pytest.raises(DependencyError) as error:
        install(nexa_runtime, database, ["test_external_missing"])
    message = str(error.value)
    assert "addon 'test_external_missing'" in message
    assert "pip install nexa_test_package_that_does_not_exist" in message
    assert "program 'nexa-test-program-that-does-not-exist'" in message
    assert (error.value.addon, error.value.key) == ("test_external_missing", "external_dependencies")


def test_missing_dependency_names_the_addon_and_what_it_needs(broken_runtime, database):
    with pytest.raises(DependencyError) as error:
        install(broken_runtime, database, ["needs_missing"])
    assert "addon 'needs_missing' depends on 'test_no_such_addon', which is not on the addons path" in \
        str(error.value)
    assert error.value.addon == "needs_missing"


def test_dependency_cycle_is_shown_as_a_chain(broken_runtime, database):
    with pytest.raises(DependencyError, match="dependency cycle: cycle_one → cycle_two → cycle_one"):
        install(broken_runtime, database, ["cycle_one"])


def test_inherit_of_an_undefined_model_names_addon_model_and_closest_model(broken_runtime, database):
    with pytest.raises(ModelDefinitionError) as error:
        install(broken_runtime, database, ["bad_inherit"])
    message = str(error.value)
    assert "addon 'bad_inherit' extends model 'test.animall'" in message
    assert "did you mean 'test.animal'?" in message


def test_unknown_field_option_names_addon_field_and_option(broken_runtime, database):
    with pytest.raises(ModelDefinitionError) as error:
        install(broken_runtime, database, ["bad_field_option"])
    assert str(error.value) == \
        "Field test.option.name (Char) has an unknown option 'requird' (did you mean 'required'?)"
    assert error.value.addon == "bad_field_option"


def test_unknown_field_type_names_the_addon_and_the_type(broken_runtime, database):
    with pytest.raises(AddonError) as error:
        install(broken_runtime, database, ["bad_field_type"])
    assert "Addon 'bad_field_type' failed to import" in str(error.value)
    assert "'Chars'" in str(error.value)


def test_unknown_comodel_names_model_field_and_closest_model(broken_runtime, database):
    with pytest.raises(ProblemsFound) as error:
        install(broken_runtime, database, ["bad_comodel"])
    assert "model test.pointer (addons bad_comodel), field partner_id: comodel 'res.partnr'" in str(error.value)
    assert "did you mean 'res.partner'?" in str(error.value)


def test_hook_with_a_wrong_signature_is_refused_naming_addon_and_argument(broken_runtime, database):
    with pytest.raises(AddonError) as error:
        install(broken_runtime, database, ["bad_hook"])
    assert str(error.value).startswith("Addon 'bad_hook' implements a hook wrongly: ")
    assert "nexa_post_install" in str(error.value) and "'registry'" in str(error.value)


def test_malformed_manifest_names_the_addon_and_every_bad_key(nexa_runtime):
    config = nexa_runtime.config.replace(addons_path=[*nexa_runtime.config.addons_path, ADDONS / "malformed"])
    runtime = Runtime(config)
    assert "base" in runtime.addons  # one broken addon does not hide the others
    with pytest.raises(ManifestError) as error:
        runtime.check_usable(["bad_manifest"])
    message = str(error.value)
    assert "addon 'bad_manifest'" in message
    assert "'version'" in message and "'depends'" in message and "did you mean 'summary'?" in message


@pytest.mark.parametrize("addon", ["test_external_missing", "needs_missing", "cycle_one", "bad_inherit",
                                   "bad_field_option", "bad_field_type", "bad_comodel", "bad_hook"])
def test_a_refused_install_changes_nothing(broken_runtime, database, addon):
    before = snapshot(broken_runtime, database)
    with pytest.raises(NexaError):
        install(broken_runtime, database, [addon])
    assert snapshot(broken_runtime, database) == before


def test_test_databases_that_fail_to_install_are_dropped_and_fail_again(nexa_runtime, nexa_databases):
    for _attempt in range(2):
        with pytest.raises(DataFileError, match=r"test_fail_record_data\.xml"):
            nexa_databases.get(["test_install_fails"])
    assert not [name for name in nexa_runtime.server.list() if name.startswith(nexa_databases.prefix)
                and name not in nexa_databases.created.values()]
