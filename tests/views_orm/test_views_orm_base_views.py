"""The views, actions and menus of the base addon."""

from __future__ import annotations

import pytest

BASE_VIEWS = [("res.partner", "form", "base.view_partner_form"), ("res.partner", "list", "base.view_partner_tree"),
              ("res.partner", "kanban", "base.res_partner_kanban_view"),
              ("res.partner", "search", "base.view_res_partner_filter"),
              ("res.partner.category", "list", "base.view_partner_category_list"),
              ("res.users", "form", "base.view_users_form"), ("res.groups", "form", "base.view_groups_form"),
              ("res.company", "form", "base.view_company_form"), ("res.country", "list", "base.view_country_tree"),
              ("res.currency", "form", "base.view_currency_form")]


@pytest.mark.parametrize(("model", "view_type", "xmlid"), BASE_VIEWS)
def test_base_model_gets_its_base_view_by_default(env, model, view_type, xmlid):
    assert env[model].get_views([(False, view_type)])["views"][view_type]["id"] == env.ref(xmlid).id


def test_every_base_view_is_valid(env):
    views = env["ir.ui.view"].search([])
    assert views and views._problems() == []


def test_every_window_action_opens_an_existing_model(env):
    actions = env["ir.actions.act_window"].search([])
    assert actions and all(model in env for model in actions.mapped("res_model"))


def test_settings_app_holds_users_and_companies(env):
    menus = env["ir.ui.menu"].load_menus(debug=True)
    users = next(menu for menu in menus.values() if menu["xmlid"] == "base.menu_users")
    assert [menus[child]["name"] for child in users["children"]] == ["Users", "Companies", "Groups"]


def test_partner_form_strips_multi_company_parts_for_single_company_users(env):
    arch = env["res.partner"].get_views([(False, "form")])["views"]["form"]["arch"]
    assert 'name="company_id"' not in arch and 'name="user_ids"' in arch
