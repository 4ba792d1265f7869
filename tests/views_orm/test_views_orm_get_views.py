"""get_views and its older forms: the shape clients expect, per-user archs, fields used, defaults."""

from __future__ import annotations

import pytest
from lxml import etree

from nexa.exceptions import ValidationError

pytestmark = pytest.mark.addons("test_views_c")
ORDER = "test.views.order"


def arch_of(result, view_type="form"):
    return etree.fromstring(result["views"][view_type]["arch"])


def names(arch):
    return [node.get("name") for node in arch.iter("field")]


def test_get_views_has_odoo_17_shape(env):
    result = env[ORDER].get_views([(False, "list"), (False, "form"), (False, "search")])
    assert set(result) == {"views", "models"}
    assert set(result["views"]) == {"list", "form", "search"}
    assert {key for key in result["views"]["form"] if key != "toolbar"} == {"arch", "id", "model"}
    assert set(result["models"][ORDER]) == {"fields"}


def test_models_hold_fields_get_of_the_fields_used_only(env):
    result = env[ORDER].get_views([(False, "list")])
    fields = result["models"][ORDER]["fields"]
    assert set(fields) == {"name", "reference", "partner_id", "amount", "state"}
    assert fields["partner_id"]["relation"] == "res.partner"


def test_x2many_subview_brings_the_comodels_fields(env):
    result = env[ORDER].get_views([(False, "form")])
    assert set(result["models"]["test.views.line"]["fields"]) == {"product", "qty", "price"}


def test_fields_read_by_modifiers_are_included(env):
    arch = etree.fromstring('<form><field name="name" invisible="not note"/></form>')
    view = env["ir.ui.view"].create({"name": "modifier view", "model": ORDER,
                                     "arch": etree.tostring(arch, encoding="unicode")})
    assert "note" in env[ORDER].get_views([(view.id, "form")])["models"][ORDER]["fields"]


def test_tree_is_answered_under_the_asked_name_with_a_list_root(env):
    result = env[ORDER].get_views([(False, "tree")])
    assert arch_of(result, "tree").tag == "list"


def test_nodes_of_groups_the_user_lacks_are_removed(env, user_env):
    viewer = user_env("base.group_user")
    assert "internal_code" not in names(arch_of(viewer[ORDER].get_views([(False, "form")])))
    assert "internal_code" in names(arch_of(env[ORDER].get_views([(False, "form")])))


def test_groups_attribute_is_removed_from_kept_nodes(env):
    assert 'groups="' not in env[ORDER].get_views([(False, "form")])["views"]["form"]["arch"]


def test_extension_restricted_to_groups_applies_only_for_them(env, user_env):
    viewer = user_env("base.group_user")
    technical = user_env("base.group_user", "base.group_no_one", login="technician")
    assert "create_date" not in names(arch_of(viewer[ORDER].get_views([(False, "form")])))
    assert "create_date" in names(arch_of(technical[ORDER].get_views([(False, "form")])))


def test_fields_the_user_may_not_read_are_removed(env, user_env):
    result = user_env("base.group_user")[ORDER].get_views([(False, "form")])
    assert "secret" not in names(arch_of(result))
    assert "secret" not in result["models"][ORDER]["fields"]


def test_sudo_does_not_change_what_the_user_gets(env, user_env):
    viewer = user_env("base.group_user")
    assert viewer[ORDER].get_views([(False, "form")]) == viewer(su=True)[ORDER].get_views([(False, "form")])


def test_action_buttons_get_the_actions_id(env):
    button = arch_of(env[ORDER].get_views([(False, "form")])).find(".//button[@type='action']")
    assert button.get("name") == str(env.ref("test_views_a.action_order").id)


def test_model_without_views_gets_generated_ones_with_id_false(env):
    result = env["test.views.line"].get_views([(False, "list"), (False, "kanban")])
    assert result["views"]["list"]["id"] is False
    assert names(arch_of(result, "list")) == ["display_name", "order_id", "product", "qty", "price"]
    assert arch_of(result, "kanban").tag == "kanban"


def test_search_view_carries_its_filters(env):
    search = env[ORDER].get_views([(False, "search")])["views"]["search"]
    assert [(item["name"], item["group"]) for item in search["search_filters"]] == [
        ("draft", 0), ("done", 0), ("recent", 1), ("by_partner", 2)]
    assert search["search_filters"][3]["group_by"] == ["partner_id"]


def test_load_filters_adds_the_saved_filters(env):
    search = env[ORDER].get_views([(False, "search")], {"load_filters": True})["views"]["search"]
    assert search["filters"] == []


def test_toolbar_lists_bound_actions_per_view_type(env):
    views = env[ORDER].get_views([(False, "list"), (False, "form")], {"toolbar": True})["views"]
    assert [action["name"] for action in views["list"]["toolbar"]["action"]] == ["Confirm orders"]
    assert views["form"]["toolbar"]["action"] == []
    assert [report["name"] for report in views["form"]["toolbar"]["print"]] == ["Order"]


def test_toolbar_leaves_out_reports_of_other_groups(env, user_env):
    views = user_env("base.group_user")[ORDER].get_views([(False, "form")], {"toolbar": True})["views"]
    assert views["form"]["toolbar"]["print"] == []


def test_view_of_another_model_is_refused(env):
    view = env.ref("base.view_partner_form")
    with pytest.raises(ValidationError, match=r"res\.partner"):
        env[ORDER].get_views([(view.id, "form")])


def test_get_view_lists_the_fields_used_per_model(env):
    result = env[ORDER].get_view(view_type="list")
    assert (result["type"], result["models"][ORDER]) == ("list", ["amount", "name", "partner_id", "reference",
                                                                  "state"])


def test_fields_view_get_nests_subviews_under_their_field(env):
    result = env[ORDER].fields_view_get(view_type="form")
    assert {"arch", "fields", "model", "name", "type", "view_id", "field_parent"} <= set(result)
    assert result["name"] == "test.views.order.form"
    lines = result["fields"]["line_ids"]["views"]["list"]
    assert set(lines["fields"]) == {"product", "qty", "price"}
    assert lines["arch"].startswith('<list editable="bottom">')


def test_load_views_has_the_odoo_15_shape(env):
    result = env[ORDER].load_views([(False, "list"), (False, "form")], {"load_filters": True})
    assert set(result) == {"fields_views", "fields", "filters"}
    assert result["fields_views"]["list"]["type"] == "list"
    assert "note" in result["fields"]


def test_served_modifiers_evaluate_on_read_values(env):
    from nexa.views import evaluate

    order = env[ORDER].create({"name": "O", "state": "done"})
    amount = arch_of(env[ORDER].get_views([(False, "form")])).find(".//field[@name='amount']")
    values = order.read(["state"])[0]
    assert evaluate(amount.get("readonly"), values) is True


def test_search_view_models_include_group_by_and_date_filter_fields(env):
    fields = env[ORDER].get_views([(False, "search")])["models"][ORDER]["fields"]
    assert {"name", "partner_id", "date_order"} <= set(fields)
