"""ir.ui.menu: hierarchy and load_menus, filtered by groups and by the rights on each action's model."""

from __future__ import annotations

import pytest

from nexa.exceptions import ValidationError


def by_xmlid(menus):
    return {menu["xmlid"]: menu for key, menu in menus.items() if key != "root"}


def test_load_menus_has_the_odoo_17_web_shape(env):
    menus = env["ir.ui.menu"].load_menus()
    contacts = by_xmlid(menus)["base.menu_contacts"]
    assert set(contacts) == {"id", "name", "children", "appID", "xmlid", "actionID", "actionModel", "webIcon",
                             "webIconData"}
    assert menus["root"]["id"] == "root" and contacts["id"] in menus["root"]["children"]


def test_children_are_sorted_by_sequence(env):
    menus = env["ir.ui.menu"].load_menus()
    config = by_xmlid(menus)["base.menu_contacts_config"]
    assert [menus[child]["xmlid"] for child in config["children"]] == [
        "base.menu_partner_category", "base.menu_country", "base.menu_currency"]


def test_every_menu_knows_its_app(env):
    menus = by_xmlid(env["ir.ui.menu"].load_menus())
    assert menus["base.menu_country"]["appID"] == menus["base.menu_contacts"]["id"]


def test_app_without_action_opens_its_first_childs(env):
    menus = by_xmlid(env["ir.ui.menu"].load_menus())
    assert menus["base.menu_contacts"]["actionID"] == env.ref("base.action_partner_form").id
    assert menus["base.menu_contacts"]["actionModel"] == "ir.actions.act_window"


def test_technical_menus_show_in_debug_mode_only(env):
    assert "base.menu_custom" not in by_xmlid(env["ir.ui.menu"].load_menus())
    assert "base.menu_custom" in by_xmlid(env["ir.ui.menu"].load_menus(debug=True))


def test_menus_of_other_groups_are_hidden(env, user_env):
    menus = by_xmlid(user_env("base.group_user")["ir.ui.menu"].load_menus())
    assert "base.menu_contacts" in menus and "base.menu_administration" not in menus


@pytest.mark.addons("test_views_c")
def test_menus_under_a_hidden_menu_are_hidden(env, user_env):
    menus = by_xmlid(user_env("base.group_user")["ir.ui.menu"].load_menus())
    assert "test_views_a.menu_orders" in menus
    assert "test_views_a.menu_admin_orders" not in menus


def test_menu_whose_action_model_the_user_cannot_read_is_hidden(env, user_env):
    action = env["ir.actions.act_window"].create({"name": "Parameters", "res_model": "ir.config_parameter"})
    root = env["ir.ui.menu"].create({"name": "Parameters app"})
    env["ir.ui.menu"].create({"name": "Parameters", "parent_id": root.id, "action": f"{action._name},{action.id}"})
    names = {menu["name"] for menu in user_env("base.group_user")["ir.ui.menu"].load_menus().values()}
    assert "Parameters app" not in names
    assert "Parameters app" in {menu["name"] for menu in env["ir.ui.menu"].load_menus().values()}


def test_complete_name_is_the_path(env):
    assert env.ref("base.menu_action_res_users").complete_name == "Settings/Users & Companies/Users"


def test_a_menu_cannot_be_its_own_ancestor(env):
    parent = env["ir.ui.menu"].create({"name": "Parent"})
    child = env["ir.ui.menu"].create({"name": "Child", "parent_id": parent.id})
    with pytest.raises(ValidationError, match="own ancestor"):
        parent.write({"parent_id": child.id})
