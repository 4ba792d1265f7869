"""x2many write commands: the tuple forms and Odoo 17's Command helpers, the same through Python and RPC."""

from __future__ import annotations

import pytest

from nexa.orm import Command
from nexa.rpc.dispatch import call_kw

pytestmark = pytest.mark.addons("test_orm_depth")


@pytest.fixture
def order(env):
    return env["test.depth.order"].create({"line_ids": [
        Command.create({"name": "A", "price": 1}), Command.create({"name": "B", "price": 2})]})


def python(env, order, value, field="line_ids"):
    order.write({field: value})


def rpc(env, order, value, field="line_ids"):
    """As a JSON client sends it: lists, not tuples."""
    wire = [list(command) if isinstance(command, tuple) else command for command in value]
    call_kw(env["test.depth.order"], "write", [[order.id], {field: wire}], {})


@pytest.fixture(params=[python, rpc], ids=["python", "rpc"])
def write(request):
    return request.param


def names(order):
    return sorted(order.line_ids.mapped("name"))


def test_create_command(env, order, write):
    write(env, order, [(0, 0, {"name": "C", "price": 3})])
    assert names(order) == ["A", "B", "C"] and order.amount_total == 6.0


def test_update_command(env, order, write):
    write(env, order, [(1, order.line_ids[0].id, {"price": 10})])
    assert order.amount_total == 12.0


def test_delete_command_removes_the_line(env, order, write):
    line = order.line_ids[0]
    write(env, order, [(2, line.id)])
    assert not line.exists() and names(order) == ["B"]


def test_unlink_command_of_a_required_inverse_deletes_the_line(env, order, write):
    line = order.line_ids[0]
    write(env, order, [(3, line.id)])
    assert not line.exists() and order.amount_total == 2.0


def test_link_command_moves_a_line_here(env, order, write):
    other = env["test.depth.order"].create({"line_ids": [Command.create({"name": "X", "price": 5})]})
    write(env, order, [(4, other.line_ids.id)])
    assert names(order) == ["A", "B", "X"] and (order.amount_total, other.amount_total) == (8.0, 0.0)


def test_clear_command(env, order, write):
    write(env, order, [(5,)])
    assert names(order) == [] and order.amount_total == 0.0


def test_set_command(env, order, write):
    other = env["test.depth.order"].create({"line_ids": [Command.create({"name": "X", "price": 5})]})
    write(env, order, [(6, 0, [order.line_ids[0].id, other.line_ids.id])])
    assert names(order) == ["A", "X"]


def test_many2many_commands(env, order, write):
    red, blue, green = env["test.depth.tag"].create([{"name": "red"}, {"name": "blue"}, {"name": "green"}])
    write(env, order, [(6, 0, [red.id, blue.id])], "tag_ids")
    write(env, order, [(3, red.id), (4, green.id), (0, 0, {"name": "new"})], "tag_ids")
    assert sorted(order.tag_ids.mapped("name")) == ["blue", "green", "new"] and red.exists()


def test_command_helpers_build_the_tuples():
    assert [Command.create({"a": 1}), Command.update(3, {"a": 2}), Command.delete(4), Command.unlink(5),
            Command.link(6), Command.clear(), Command.set([7, 8])] == [
        (0, 0, {"a": 1}), (1, 3, {"a": 2}), (2, 4, 0), (3, 5, 0), (4, 6, 0), (5, 0, 0), (6, 0, [7, 8])]


def test_create_over_rpc_with_nested_commands(env):
    order_id = call_kw(env["test.depth.order"], "create", [{"line_ids": [[0, 0, {"name": "A", "price": 4}]]}], {})
    assert env["test.depth.order"].browse(order_id).amount_total == 4.0
