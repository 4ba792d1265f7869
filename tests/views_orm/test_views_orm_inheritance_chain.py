"""A view inherited by three addons in a chain (tests/addons/test_views_a, _b, _c), every position used.

a defines test.views.order's form; b extends it (xpath ``after``, shorthand
``before``/``inside``, ``attributes``); c extends b's extension (``replace`` with
``$0``, ``move``) and a's form (``replace`` ``mode="inner"``, and a priority-1
view that still applies after b's because c loads after b).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.addons("test_views_c")


def field_names(arch):
    return [node.get("name") for node in arch.iter("field")]


def parent_name(arch, field):
    node = arch.find(f".//field[@name='{field}']")
    return node.getparent().get("name") or node.getparent().get("class") or node.getparent().tag


def test_xpath_after_inserts_after_the_target(env, combined):
    names = field_names(combined("test_views_a.order_form"))
    assert names.index("reference") > names.index("partner_id")


def test_shorthand_before_inserts_before_the_target(env, combined):
    names = field_names(combined("test_views_a.order_form"))
    assert names.index("internal_code") == names.index("name") - 1


def test_shorthand_inside_appends_to_the_target(env, combined):
    arch = combined("test_views_a.order_form")
    assert [node.get("name") for node in arch.find(".//group[@name='totals']")][-1] == "company_id"


def test_attributes_sets_and_edits_a_list(env, combined):
    amount = combined("test_views_a.order_form").find(".//field[@name='amount']")
    assert (amount.get("string"), amount.get("class")) == ("Total", "o_total")


def test_replace_with_placeholder_wraps_the_node_of_the_previous_addon(env, combined):
    assert parent_name(combined("test_views_a.order_form"), "reference") == "o_reference"


def test_move_takes_the_node_from_its_place(env, combined):
    arch = combined("test_views_a.order_form")
    assert parent_name(arch, "date_order") == "notebook"
    assert "date_order" not in [node.get("name") for node in arch.find(".//group[@name='main']")]


def test_replace_inner_keeps_the_node_and_changes_its_content(env, combined):
    page = combined("test_views_a.order_form").find(".//page[@name='notes']")
    assert (page.get("string"), page[0].tag, page[0][0].get("string")) == ("Notes", "group", "Remarks")


def test_addon_order_wins_over_a_lower_priority(env, combined):
    arch = combined("test_views_a.order_form")
    badge = arch.find(".//field[@widget='badge']")
    assert badge.getprevious().get("class") == "o_reference"  # needs c's own wrapper, made by a b-extension


def test_extension_of_extension_sees_its_parents_nodes(env, combined):
    assert env.ref("test_views_c.order_form_c").inherit_id == env.ref("test_views_b.order_form_b")
    assert combined("test_views_a.order_form").find(".//div[@class='o_reference']/field") is not None


def test_tree_root_is_read_as_list_and_tree_xpath_steps_still_match(env, combined):
    arch = combined("test_views_a.order_tree")
    assert arch.tag == "list"
    assert field_names(arch)[:2] == ["name", "reference"]


def test_primary_mode_child_is_its_parents_combined_arch_with_its_own_changes(env, combined):
    arch = combined("test_views_a.order_form_simplified")
    assert arch.find(".//notebook") is None
    assert "reference" in field_names(arch)


def test_primary_mode_child_does_not_change_its_parent(env, combined):
    assert combined("test_views_a.order_form").find(".//notebook") is not None


def test_extensions_take_the_model_and_type_of_their_parent(env):
    view = env.ref("test_views_b.order_form_b_technical")
    assert (view.model, view.type, view.mode) == ("test.views.order", "form", "extension")


def test_default_view_is_the_primary_one_with_the_lowest_priority(env):
    result = env["test.views.order"].get_views([(False, "form")])
    assert result["views"]["form"]["id"] == env.ref("test_views_a.order_form").id


def test_asked_view_is_used_instead_of_the_default(env):
    view = env.ref("test_views_a.order_form_alternative")
    assert env["test.views.order"].get_views([(view.id, "form")])["views"]["form"]["arch"] == \
        '<form string="Order (short)"><field name="name"/></form>'
