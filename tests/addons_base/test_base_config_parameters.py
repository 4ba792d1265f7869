"""ir.config_parameter of the base addon: database-wide key/value settings."""

from __future__ import annotations

import pytest

from nexa.exceptions import ValidationError


def test_a_parameter_reads_back_as_text(env):
    env["ir.config_parameter"].set_param("test.limit", 42)
    assert env["ir.config_parameter"].get_param("test.limit") == "42"


def test_an_unset_parameter_gives_the_default(env):
    assert env["ir.config_parameter"].get_param("test.unset", "fallback") == "fallback"


def test_setting_again_replaces_the_value(env):
    parameters = env["ir.config_parameter"]
    parameters.set_param("test.key", "one")
    parameters.set_param("test.key", "two")
    assert parameters.get_param("test.key") == "two"
    assert parameters.search_count([("key", "=", "test.key")]) == 1


def test_setting_false_removes_the_parameter(env):
    parameters = env["ir.config_parameter"]
    parameters.set_param("test.key", "one")
    parameters.set_param("test.key", False)
    assert parameters.search_count([("key", "=", "test.key")]) == 0


def test_a_key_is_stored_once(env):
    env["ir.config_parameter"].set_param("test.key", "one")
    with pytest.raises(ValidationError, match="Each parameter key is set once"), env.transaction.savepoint():
        env["ir.config_parameter"].create({"key": "test.key", "value": "two"})


def test_parameters_are_readable_by_users_through_get_param_only(env):
    user = env["res.users"].create({"name": "Tester", "login": "tester"})
    env["ir.config_parameter"].set_param("test.key", "visible")
    assert env["ir.config_parameter"].with_user(user).get_param("test.key") == "visible"
