"""nexa.views.catalog: the ModelCatalog validation uses, over a live environment."""

from __future__ import annotations

import pytest

from nexa.views.catalog import ModelCatalog, resolve_action

pytestmark = pytest.mark.addons("test_views_c")


def test_fields_of_a_model_are_its_fields_get(env):
    assert ModelCatalog(env).fields("test.views.order")["line_ids"]["relation"] == "test.views.line"


def test_fields_of_an_unknown_model_are_none(env):
    assert ModelCatalog(env).fields("test.views.nothing") is None


def test_fields_include_fields_restricted_to_groups(env, user_env):
    assert "secret" in ModelCatalog(user_env("base.group_user")).fields("test.views.order")


def test_public_methods_may_be_called_private_ones_and_fields_not(env):
    catalog = ModelCatalog(env)
    assert catalog.has_public_method("test.views.order", "action_confirm")
    assert not catalog.has_public_method("test.views.order", "_private_helper")
    assert not catalog.has_public_method("test.views.order", "name")


def test_actions_are_found_by_xmlid_short_xmlid_and_id(env):
    catalog = ModelCatalog(env)
    action_id = env.ref("test_views_a.action_order").id
    assert catalog.action_exists("test_views_a.action_order")
    assert catalog.action_exists("action_order")
    assert catalog.action_exists(str(action_id))
    assert not catalog.action_exists("test_views_a.order_form")


def test_resolve_action_gives_the_record_of_its_own_type(env):
    assert resolve_action(env, env.ref("test_views_a.action_confirm_orders").id)._name == "ir.actions.server"
