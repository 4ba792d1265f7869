"""Defaults (static, callable, from the context), copy() and copy=False, name_search and name_create."""

from __future__ import annotations

import datetime as dt

import pytest

from nexa.orm import Command

pytestmark = pytest.mark.addons("test_orm_depth")


def test_static_defaults(env):
    order = env["test.depth.order"].create({})
    assert (order.state, order.priority, order.discount) == ("draft", 1, 0.0)


def test_callable_defaults_are_called_per_record(env):
    first, second = env["test.depth.order"].create([{}, {}])
    assert first.date_order == dt.date.today() and first.name != second.name


def test_context_defaults_override_the_field_default(env):
    order = env["test.depth.order"].with_context(default_priority=8, default_state="sale").create({})
    assert (order.priority, order.state) == (8, "sale")


def test_explicit_values_override_context_defaults(env):
    order = env["test.depth.order"].with_context(default_priority=8).create({"priority": 2})
    assert order.priority == 2


def test_default_get_returns_wire_values(env):
    values = env["test.depth.order"].with_context(default_reference="R").default_get(
        ["state", "date_order", "reference", "amount_total"])
    assert values == {"state": "draft", "date_order": dt.date.today().isoformat(), "reference": "R"}


# -- copy ------------------------------------------------------------------------------------------------


@pytest.fixture
def order(env):
    partner = env["res.partner"].create({"name": "Ann"})
    return env["test.depth.order"].create({"reference": "R-1", "partner_id": partner.id, "priority": 4,
                                           "line_ids": [Command.create({"name": "A", "price": 3})]})


def test_copy_duplicates_copyable_fields(order):
    duplicate = order.copy()
    assert (duplicate.partner_id, duplicate.priority) == (order.partner_id, 4) and duplicate != order


def test_copy_leaves_out_fields_declared_copy_false(order):
    duplicate = order.copy()
    assert duplicate.reference is False and duplicate.name != order.name


def test_copy_defaults_override_the_copied_values(order):
    duplicate = order.copy({"priority": 9, "reference": "R-2"})
    assert (duplicate.priority, duplicate.reference) == (9, "R-2")


def test_copy_recomputes_stored_computed_fields(order):
    duplicate = order.copy({"line_ids": [Command.create({"name": "B", "price": 7})]})
    assert duplicate.amount_total == 7.0


# -- name_search and name_create ------------------------------------------------------------------------


def test_name_search_finds_by_name_with_the_operator(env):
    tags = env["test.depth.tag"].create([{"name": "apple"}, {"name": "apricot"}, {"name": "banana"}])
    assert [name for _id, name in env["test.depth.tag"].name_search("ap")] == ["apple", "apricot"]
    assert env["test.depth.tag"].name_search("banana", operator="=") == [(tags[2].id, "banana")]


def test_name_search_combines_the_domain_and_the_limit(env):
    env["test.depth.tag"].create([{"name": "ab1"}, {"name": "ab2"}, {"name": "ab3"}])
    found = env["test.depth.tag"].name_search("ab", [("name", "!=", "ab1")], limit=1)
    assert [name for _id, name in found] == ["ab2"]


def test_name_create_returns_the_id_and_display_name(env):
    tag_id, name = env["test.depth.tag"].name_create("cherry")
    assert (env["test.depth.tag"].browse(tag_id).name, name) == ("cherry", "cherry")
