"""onchange (nexa.orm.onchange): the effect of editing a field on an unsaved form, Odoo 17's shapes.

Nothing is ever written: the form's values live on a virtual record in the cache.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nexa.exceptions import ValidationError
from nexa.orm import Command
from nexa.rpc.dispatch import call_kw

pytestmark = pytest.mark.addons("test_orm_depth")

SPEC = {"name": {}, "reference": {}, "partner_id": {"fields": {"display_name": {}}}, "partner_email": {},
        "priority": {}, "discount": {}, "state": {}, "date_order": {}, "amount_untaxed": {}, "amount_total": {},
        "line_count": {}, "line_ids": {"fields": {"name": {}, "quantity": {}, "price": {}, "subtotal": {}}}}


@pytest.fixture
def order(env):
    return env["test.depth.order"].create({"name": "SO-1", "line_ids": [
        Command.create({"name": "A", "quantity": 2, "price": 10}),
        Command.create({"name": "B", "quantity": 1, "price": 5})]})


@pytest.fixture
def Order(env):
    return env["test.depth.order"]


def form(order):
    """The values a form shows for ``order`` (what the web client sends)."""
    return {"name": order.name, "reference": order.reference or False, "partner_id": order.partner_id.id,
            "priority": order.priority, "discount": order.discount, "state": order.state,
            "line_ids": [Command.link(line.id) for line in order.line_ids]}


def writes(log):
    return [s for s in log.statements if s.split()[0] in ("INSERT", "UPDATE", "DELETE")]


# -- a new record ------------------------------------------------------------------------------------------


def test_opening_a_new_form_returns_the_defaults_and_computed_values(Order):
    value = Order.onchange({}, [], SPEC)["value"]
    assert {key: value[key] for key in ("priority", "discount", "state", "amount_total", "line_count")} == {
        "priority": 1, "discount": 0.0, "state": "draft", "amount_total": 0.0, "line_count": 0}
    assert value["date_order"] == dt.date.today().isoformat() and value["name"].startswith("SO")


def test_context_defaults_apply_to_a_new_form(Order):
    value = Order.with_context(default_priority=4).onchange({}, [], SPEC)["value"]
    assert value["priority"] == 4


def test_an_onchange_method_fills_other_fields(env, Order):
    partner = env["res.partner"].create({"name": "Ann", "email": "ann@example.com"})
    result = Order.onchange({"partner_id": partner.id}, ["partner_id"], SPEC)
    assert result["value"]["reference"] == "REF-Ann" and "warning" not in result


def test_related_fields_follow_the_edited_value(env, Order):
    partner = env["res.partner"].create({"name": "Ann", "email": "ann@example.com"})
    value = Order.onchange({"partner_id": partner.id}, ["partner_id"], SPEC)["value"]
    assert value["partner_email"] == "ann@example.com"


def test_the_changed_field_itself_is_not_sent_back(env, Order):
    partner = env["res.partner"].create({"name": "Ann", "email": "a@x.org"})
    assert "partner_id" not in Order.onchange({"partner_id": partner.id}, ["partner_id"], SPEC)["value"]


def test_an_onchange_method_can_return_a_warning(env, Order):
    partner = env["res.partner"].create({"name": "Bob"})
    result = Order.onchange({"partner_id": partner.id}, ["partner_id"], SPEC)
    assert result["warning"] == {"title": "No email", "message": "Bob has no email.", "type": "dialog"}


def test_onchange_methods_chain_through_the_fields_they_change(Order):
    value = Order.onchange({"priority": 1, "line_ids": [Command.create({"name": "A", "quantity": 1, "price": 100})]},
                           ["priority"], SPEC)["value"]
    assert value == {}
    value = Order.onchange({"priority": 5, "line_ids": [Command.create({"name": "A", "quantity": 1, "price": 100})]},
                           ["priority"], SPEC)["value"]
    assert (value["discount"], value["amount_total"]) == (10.0, 90.0)


def test_new_lines_give_the_total_without_being_created(env, Order, count_queries):
    lines = [Command.create({"name": "A", "quantity": 2, "price": 10}), (0, "virtual_2", {"name": "B", "price": 5})]
    with count_queries(env) as log:
        value = Order.onchange({"line_ids": lines}, ["line_ids"], SPEC)["value"]
    assert (value["amount_untaxed"], value["line_count"]) == (25.0, 2)
    assert writes(log) == [] and not env["test.depth.line"].search([("name", "in", ["A", "B"])])


def test_many2one_with_subfields_is_sent_as_a_dict(env, Order):
    partner = env["res.partner"].create({"name": "Ann", "email": "a@x.org"})
    value = Order.onchange({}, [], {"partner_id": {"fields": {"display_name": {}}}})["value"]
    assert value == {"partner_id": False}
    value = Order.with_context(default_partner_id=partner.id).onchange(
        {}, [], {"partner_id": {"fields": {"display_name": {}}}})["value"]
    assert value["partner_id"] == {"id": partner.id, "display_name": "Ann"}


def test_many2one_without_subfields_is_sent_as_an_id(env, Order):
    partner = env["res.partner"].create({"name": "Ann"})
    value = Order.with_context(default_partner_id=partner.id).onchange({}, [], {"partner_id": {}})["value"]
    assert value == {"partner_id": partner.id}


def test_new_lines_are_sent_as_create_commands(Order):
    value = Order.with_context(default_line_ids=[Command.create({"name": "Default", "price": 3})]).onchange(
        {}, [], {"line_ids": SPEC["line_ids"]})["value"]
    assert value["line_ids"] == [(Command.CREATE, 0, {"name": "Default", "quantity": 1.0, "price": 3.0,
                                                       "subtotal": 3.0})]


# -- an existing record ------------------------------------------------------------------------------------


def test_editing_a_line_of_a_saved_record_recomputes_the_total_without_writing(env, order, count_queries):
    values = form(order)
    values["line_ids"] = [Command.update(order.line_ids[0].id, {"quantity": 5}), Command.link(order.line_ids[1].id)]
    with count_queries(env) as log:
        value = order.onchange(values, ["line_ids"], SPEC)["value"]
    assert value["amount_total"] == 55.0 and writes(log) == []
    env.cache.clear()
    assert (order.amount_total, order.line_ids[0].quantity) == (25.0, 2.0)


def test_removing_a_line_recomputes_the_total(order):
    values = form(order)
    values["line_ids"] = [Command.delete(order.line_ids[0].id), Command.link(order.line_ids[1].id)]
    value = order.onchange(values, ["line_ids"], SPEC)["value"]
    assert (value["amount_total"], value["line_count"]) == (5.0, 1)


def test_a_line_changed_by_an_onchange_is_sent_as_an_update(env, order):
    values = {**form(order), "priority": 5}
    value = order.onchange(values, ["priority"], SPEC)["value"]
    assert (value["discount"], value["amount_total"]) == (10.0, 22.5)
    assert "line_ids" not in value


def test_the_record_id_may_come_in_the_values(env, order):
    values = {**form(order), "id": order.id, "discount": 50}
    assert env["test.depth.order"].onchange(values, ["discount"], SPEC)["value"]["amount_total"] == 12.5


def test_the_database_is_left_untouched(env, order):
    partner = env["res.partner"].create({"name": "Ann"})
    order.onchange({**form(order), "partner_id": partner.id}, ["partner_id"], SPEC)
    env.cache.clear()
    assert (order.partner_id, order.reference) == (env["res.partner"], False)


# -- errors and RPC ----------------------------------------------------------------------------------------


def test_an_unknown_field_is_named(Order):
    with pytest.raises(ValidationError, match=r"unknown field 'partnr_id'.*did you mean 'partner_id'"):
        Order.onchange({}, ["partnr_id"], SPEC)


def test_onchange_over_rpc_takes_ids_values_names_and_spec(env, order):
    values = {**form(order), "discount": 20}
    result = call_kw(env["test.depth.order"], "onchange", [[order.id], values, ["discount"], SPEC], {})
    assert result["value"]["amount_total"] == 20.0


def test_onchange_over_rpc_for_a_new_record(env):
    lines = [[0, "virtual_1", {"name": "A", "quantity": 3, "price": 2}]]
    result = call_kw(env["test.depth.order"], "onchange", [[], {"line_ids": lines}, ["line_ids"], SPEC], {})
    assert result["value"]["amount_total"] == 6.0


def test_a_virtual_record_knows_its_origin(env, order):
    record = env["test.depth.order"].new({"priority": 9}, origin=order)
    assert (record._origin, record.priority, record.name, bool(record.id < 0)) == (order, 9, "SO-1", True)


def test_an_internal_user_can_run_onchange_on_a_new_form(env):
    user = env["res.users"].create({"name": "Clerk", "login": "clerk"})
    lines = [Command.create({"name": "A", "quantity": 2, "price": 4})]
    result = env["test.depth.order"].with_user(user).onchange({"line_ids": lines}, ["line_ids"], SPEC)
    assert result["value"]["amount_total"] == 8.0
