"""``on_change="1"`` in get_views' archs: the fields whose change the client must send to ``onchange``."""

import pytest
from lxml import etree


def form_arch(env, model):
    return etree.fromstring(env[model].get_views([[False, "form"]])["views"]["form"]["arch"])


def marked(arch, xpath):
    return {node.get("name") for node in arch.xpath(xpath) if node.get("on_change") == "1"}


@pytest.mark.addons("base", "test_web_widgets")
def test_dependencies_of_computed_fields_shown_in_the_view_are_marked(env):
    arch = form_arch(env, "test.web.gadget")
    sub = "//field[@name='line_ids']/list/field"
    assert marked(arch, sub) == {"quantity", "unit_price", "subtotal"}  # subtotal -> the form's total
    assert "line_ids" in marked(arch, "//form//field[not(ancestor::list)]")


@pytest.mark.addons("base", "test_web_widgets")
def test_fields_nothing_depends_on_are_not_marked(env):
    arch = form_arch(env, "test.web.gadget")
    plain = {"name", "code", "partner_id", "available", "description", "manual"}
    assert not plain & marked(arch, "//form//field[not(ancestor::list)]")


@pytest.mark.addons("base", "test_orm_depth")
def test_fields_with_an_onchange_method_are_marked(env):
    arch = form_arch(env, "test.depth.order")
    assert {"partner_id", "priority"} <= marked(arch, "//field")
    assert "note" not in marked(arch, "//field")


@pytest.mark.addons("base", "test_web_widgets")
def test_search_views_get_no_marker(env):
    views = env["test.web.gadget"].get_views([[False, "search"]])["views"]
    assert "on_change" not in views["search"]["arch"]
