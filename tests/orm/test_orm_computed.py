"""Computed and related fields (nexa.orm.compute): dependencies through relations, batch recomputation.

Stored computed fields are recomputed at the end of the operation that changed one of
their dependencies, for all the records concerned at once: the query-count tests
compare 10 lines with 1,000 and expect the same number of statements.
"""

from __future__ import annotations

import pytest

from nexa.exceptions import ModelDefinitionError
from nexa.orm import Command, Model, api, fields
from nexa.orm.registry import build_registry
from nexa.problems import ProblemsFound

pytestmark = pytest.mark.addons("test_orm_depth")


@pytest.fixture
def order(env):
    return env["test.depth.order"].create({"line_ids": [
        Command.create({"name": "A", "quantity": 2, "price": 10}),
        Command.create({"name": "B", "quantity": 1, "price": 5}),
    ]})


# -- stored computed fields ------------------------------------------------------------------------------


def test_stored_compute_is_set_on_create(order):
    assert (order.amount_untaxed, order.amount_total) == (25.0, 25.0)


def test_stored_compute_is_written_to_the_database(env, order):
    env.cache.clear()
    assert env["test.depth.order"].search([("amount_total", "=", 25.0)]) == order


def test_changing_a_line_recomputes_the_order(order):
    order.line_ids[0].write({"quantity": 5})
    assert order.amount_total == 55.0


def test_a_dependency_on_the_record_itself_recomputes_it(order):
    order.write({"discount": 20})
    assert order.amount_total == 20.0


def test_two_fields_of_one_method_are_computed_together(env, order, count_queries):
    order.line_ids[1].write({"price": 15})
    assert (order.amount_untaxed, order.amount_total) == (35.0, 35.0)


def test_adding_a_line_through_the_one2many_recomputes(order):
    order.write({"line_ids": [Command.create({"name": "C", "quantity": 1, "price": 100})]})
    assert order.amount_total == 125.0


def test_deleting_a_line_recomputes_its_order(order):
    order.line_ids[0].unlink()
    assert order.amount_total == 5.0


def test_moving_a_line_recomputes_the_old_and_the_new_order(env, order):
    other = env["test.depth.order"].create({})
    order.line_ids[0].write({"order_id": other.id})
    assert (order.amount_total, other.amount_total) == (5.0, 20.0)


def test_recomputation_crosses_three_models(env):
    partner = env["res.partner"].create({"name": "Buyer"})
    order = env["test.depth.order"].create({"partner_id": partner.id, "line_ids": [
        Command.create({"name": "A", "quantity": 1, "price": 30})]})
    assert partner.depth_total == 30.0
    order.line_ids.write({"price": 40})
    assert partner.depth_total == 40.0


def test_deleting_an_order_recomputes_its_partner(env):
    partner = env["res.partner"].create({"name": "Buyer"})
    order = env["test.depth.order"].create({"partner_id": partner.id, "line_ids": [
        Command.create({"name": "A", "quantity": 1, "price": 30})]})
    order.unlink()
    assert partner.depth_total == 0.0


def test_changing_the_partner_of_an_order_recomputes_both_partners(env, order):
    first, second = env["res.partner"].create([{"name": "First"}, {"name": "Second"}])
    order.write({"partner_id": first.id})
    order.write({"partner_id": second.id})
    assert (first.depth_total, second.depth_total) == (0.0, 25.0)


def test_a_stored_computed_many2many_is_written_to_its_relation_table(env):
    partner = env["res.partner"].create({"name": "Buyer"})
    red, blue = env["test.depth.tag"].create([{"name": "red"}, {"name": "blue"}])
    order = env["test.depth.order"].create({"partner_id": partner.id, "tag_ids": [Command.set([red.id])]})
    env["test.depth.order"].create({"partner_id": partner.id, "tag_ids": [Command.set([red.id, blue.id])]})
    assert set(partner.depth_tag_ids.ids) == {red.id, blue.id}
    table = env.registry.relation_tables["test_depth_partner_tag_rel"]
    rows = env.transaction.execute(table.select().where(table.c.partner_id == partner.id)).all()
    assert sorted(row.tag_id for row in rows) == sorted([red.id, blue.id])  # stored, not only cached
    assert env["res.partner"].search([("depth_tag_ids", "in", [blue.id])]) == partner  # hence searchable
    order.write({"partner_id": False})
    env["test.depth.order"].search([("partner_id", "=", partner.id)]).write({"tag_ids": [Command.clear()]})
    env.cache.clear()
    assert not partner.depth_tag_ids
    assert not env.transaction.execute(table.select().where(table.c.partner_id == partner.id)).all()


def test_tagging_an_order_recomputes_the_tag_through_the_other_side_of_the_many2many(env, order):
    red = env["test.depth.tag"].create({"name": "red"})
    order.write({"tag_ids": [Command.link(red.id)]})
    assert red.order_total == 25.0
    order.line_ids[0].write({"price": 20})
    assert red.order_total == 45.0
    order.write({"tag_ids": [Command.clear()]})
    assert red.order_total == 0.0


def test_a_recursive_field_follows_its_parents(env):
    Node = env["test.depth.node"]
    root = Node.create({"name": "Root"})
    child = Node.create({"name": "Child", "parent_id": root.id})
    leaf = Node.create({"name": "Leaf", "parent_id": child.id})
    root.write({"name": "Top"})
    assert leaf.complete_name == "Top / Child / Leaf"


def test_unchanged_values_are_not_written_again(env, order, count_queries):
    with count_queries(env) as log:
        order.line_ids[0].write({"name": "renamed"})
    assert not any("UPDATE test_depth_order" in statement for statement in log.statements)


# -- batch recomputation: the number of statements does not grow with the number of lines -----------------


def _create_lines(env, count_queries, size):
    order = env["test.depth.order"].create({})
    with count_queries(env) as log:
        order.write({"line_ids": [Command.create({"name": f"L{i}", "quantity": 1, "price": 2})
                                  for i in range(size)]})
    assert order.amount_total == 2.0 * size
    return order, log.count


def test_creating_1000_lines_costs_as_many_queries_as_10(env, count_queries):
    _order, small = _create_lines(env, count_queries, 10)
    _order, large = _create_lines(env, count_queries, 1000)
    assert large == small and large <= 25


def test_writing_1000_lines_costs_as_many_queries_as_10(env, count_queries):
    counts = []
    for size in (10, 1000):
        order, _count = _create_lines(env, count_queries, size)
        with count_queries(env) as log:
            order.line_ids.write({"quantity": 3})
        assert order.amount_total == 6.0 * size
        counts.append(log.count)
    assert counts[0] == counts[1] and counts[1] <= 15


def test_deleting_1000_lines_costs_as_many_queries_as_10(env, count_queries):
    counts = []
    for size in (10, 1000):
        order, _count = _create_lines(env, count_queries, size)
        with count_queries(env) as log:
            order.line_ids.unlink()
        assert order.amount_total == 0.0
        counts.append(log.count)
    assert counts[0] == counts[1] and counts[1] <= 15


# -- non-stored computed fields, inverse and search --------------------------------------------------------


def test_non_stored_compute_follows_changes(order):
    order.write({"line_ids": [Command.create({"name": "C", "price": 1})]})
    assert order.line_count == 3


def test_inverse_writes_the_computed_value_back(order):
    order.write({"discount_amount": 5.0})
    assert (order.discount, order.amount_total) == (20.0, 20.0)


def test_search_method_makes_a_non_stored_field_searchable(env, order):
    order.write({"discount": 20})
    assert env["test.depth.order"].search([("discount_amount", ">", 4)]) == order


# -- related fields --------------------------------------------------------------------------------------


def test_stored_related_field_follows_the_target(env, order):
    belgium = env["res.country"].search([("code", "=", "BE")])
    partner = env["res.partner"].create({"name": "Buyer"})
    order.write({"partner_id": partner.id})
    partner.write({"country_id": belgium.id})
    env.cache.clear()
    assert env["test.depth.order"].search([("partner_country_id", "=", belgium.id)]) == order


def test_non_stored_related_field_reads_through(env, order):
    order.write({"partner_id": env["res.partner"].create({"name": "B", "email": "b@example.com"}).id})
    assert order.partner_email == "b@example.com"


def test_writing_a_related_field_writes_its_target(env, order):
    partner = env["res.partner"].create({"name": "B"})
    order.write({"partner_id": partner.id})
    order.write({"partner_email": "new@example.com"})
    assert partner.email == "new@example.com"


def test_related_field_on_lines_reads_the_order(env, order):
    partner = env["res.partner"].create({"name": "B"})
    order.write({"partner_id": partner.id})
    assert order.line_ids.mapped("order_partner_id") == partner


# -- definition errors -------------------------------------------------------------------------------------


def test_cyclic_depends_are_refused_naming_the_chain():
    class Loop(Model):
        _name = "x.loop"
        a = fields.Integer(compute="_compute_a", store=True)
        b = fields.Integer(compute="_compute_b", store=True)

        @api.depends("b")
        def _compute_a(self) -> None:
            pass

        @api.depends("a")
        def _compute_b(self) -> None:
            pass

    with pytest.raises(ModelDefinitionError, match=r"cycle: x\.loop\.(a|b) → x\.loop\.(b|a) → x\.loop\.(a|b)"):
        build_registry(["one"], {"one": [Loop]})


def test_depends_on_an_unknown_field_is_named_with_a_suggestion():
    class Typo(Model):
        _name = "x.typo"
        quantity = fields.Integer()
        double = fields.Integer(compute="_compute_double", store=True)

        @api.depends("quantiy")
        def _compute_double(self) -> None:
            pass

    with pytest.raises(ProblemsFound) as error:
        build_registry(["one"], {"one": [Typo]})
    [problem] = error.value.problems
    assert problem.id == "models.E006" and "'quantiy'" in problem.message and "quantity" in problem.message
    assert "x.typo" in problem.obj and "double" in problem.obj


def test_depends_through_a_plain_field_is_refused():
    class Bad(Model):
        _name = "x.bad"
        name = fields.Char()
        size = fields.Integer(compute="_compute_size", store=True)

        @api.depends("name.length")
        def _compute_size(self) -> None:
            pass

    with pytest.raises(ProblemsFound, match="is not relational"):
        build_registry(["one"], {"one": [Bad]})


def test_computed_fields_are_ordered_by_depth(env):
    Order = env.registry["test.depth.order"]
    Line = env.registry["test.depth.line"]
    Partner = env.registry["res.partner"]
    depths = [Line._fields["subtotal"].compute_depth, Order._fields["amount_total"].compute_depth,
              Partner._fields["depth_total"].compute_depth]
    assert depths == sorted(depths) and len(set(depths)) == 3

