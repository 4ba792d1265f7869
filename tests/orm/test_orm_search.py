"""Domains, ordering, archiving and the search methods (nexa.orm.domain, query, search)."""

from __future__ import annotations

import pytest

from nexa.exceptions import DomainError
from nexa.orm import Command

pytestmark = pytest.mark.addons("test_orm")


@pytest.fixture
def data(env):
    """Five records, two categories in a hierarchy, tags, lines and partners to search through."""
    Record = env["test.orm.record"]
    root = env["test.orm.category"].create({"name": "Root"})
    child = env["test.orm.category"].create({"name": "Child", "parent_id": root.id})
    leaf = env["test.orm.category"].create({"name": "Leaf", "parent_id": child.id})
    red, blue = env["test.orm.tag"].create([{"name": "red"}, {"name": "blue"}])
    acme = env["res.partner"].create({"name": "Acme", "email": "info@acme.test"})
    records = Record.create([
        {"name": "Alpha", "code": "A_1", "priority": 1, "price": 10.0, "flag": True, "category_id": root.id,
         "partner_id": acme.id, "tag_ids": [red.id], "day": "2024-01-10",
         "line_ids": [Command.create({"name": "a-line", "quantity": 1})]},
        {"name": "Beta", "code": "b%2", "priority": 2, "price": 20.0, "category_id": child.id,
         "tag_ids": [red.id, blue.id], "day": "2024-02-10"},
        {"name": "gamma", "code": "G-3", "priority": 3, "price": 30.0, "category_id": leaf.id,
         "line_ids": [Command.create({"name": "g-line", "quantity": 5})]},
        {"name": "Delta", "priority": 4, "price": 40.0, "state": "done"},
        {"name": "Epsilon", "priority": 5, "active": False},
    ])
    return {"records": records, "root": root, "child": child, "leaf": leaf, "red": red, "blue": blue,
            "acme": acme}


def names(records):
    return sorted(records.mapped("name"))


def find(env, domain, **kwargs):
    return names(env["test.orm.record"].search(domain, **kwargs))


# -- comparison operators ------------------------------------------------------------------------


@pytest.mark.parametrize(("domain", "expected"), [
    ([("priority", "=", 2)], ["Beta"]),
    ([("priority", "!=", 2)], ["Alpha", "Delta", "gamma"]),
    ([("priority", "<>", 2)], ["Alpha", "Delta", "gamma"]),
    ([("priority", "<", 2)], ["Alpha"]),
    ([("priority", ">", 3)], ["Delta"]),
    ([("priority", "<=", 2)], ["Alpha", "Beta"]),
    ([("priority", ">=", 3)], ["Delta", "gamma"]),
    ([("priority", "in", [1, 3])], ["Alpha", "gamma"]),
    ([("priority", "not in", [1, 3])], ["Beta", "Delta"]),
    ([("day", ">", "2024-01-31")], ["Beta"]),
    ([("state", "=", "done")], ["Delta"]),
    ([("flag", "=", True)], ["Alpha"]),
    ([("flag", "=", False)], ["Beta", "Delta", "gamma"]),
    ([("code", "=", False)], ["Delta"]),
    ([("code", "!=", False)], ["Alpha", "Beta", "gamma"]),
    ([("price", ">=", 20.0), ("price", "<", 40)], ["Beta", "gamma"]),
])
def test_comparison_operators(env, data, domain, expected):
    assert find(env, domain) == expected


def test_not_equal_includes_empty_values(env, data):
    assert "Delta" in find(env, [("code", "!=", "A_1")])


def test_in_with_an_empty_list_matches_nothing(env, data):
    assert find(env, [("priority", "in", [])]) == []


def test_not_in_with_an_empty_list_matches_everything(env, data):
    assert len(find(env, [("priority", "not in", [])])) == 4


def test_in_with_false_also_matches_empty_values(env, data):
    assert find(env, [("code", "in", ["A_1", False])]) == ["Alpha", "Delta"]


# -- pattern operators ---------------------------------------------------------------------------


@pytest.mark.parametrize(("domain", "expected"), [
    ([("name", "like", "amm")], ["gamma"]),
    ([("name", "like", "AMM")], []),
    ([("name", "ilike", "AMM")], ["gamma"]),
    ([("name", "not like", "a")], []),
    ([("name", "not ilike", "ALPHA")], ["Beta", "Delta", "gamma"]),
    ([("name", "=like", "%ta")], ["Beta", "Delta"]),
    ([("name", "=like", "_eta")], ["Beta"]),
    ([("name", "=ilike", "ALPHA")], ["Alpha"]),
    ([("code", "like", "_")], ["Alpha"]),
    ([("code", "like", "%")], ["Beta"]),
])
def test_pattern_operators(env, data, domain, expected):
    assert find(env, domain) == expected


def test_not_ilike_includes_empty_values(env, data):
    assert "Delta" in find(env, [("code", "not ilike", "A")])


# -- boolean combinations ------------------------------------------------------------------------


def test_consecutive_leaves_are_and_ed(env, data):
    assert find(env, [("priority", ">", 1), ("price", "<", 30)]) == ["Beta"]


def test_or_operator(env, data):
    assert find(env, ["|", ("name", "=", "Alpha"), ("name", "=", "Delta")]) == ["Alpha", "Delta"]


def test_not_operator(env, data):
    assert find(env, ["!", ("priority", "<", 4)]) == ["Delta"]


def test_nested_prefix_operators(env, data):
    domain = ["|", "&", ("priority", ">", 1), ("flag", "=", False), "!", ("name", "!=", "Alpha")]
    assert find(env, domain) == ["Alpha", "Beta", "Delta", "gamma"]


def test_explicit_and_operator(env, data):
    assert find(env, ["&", ("priority", ">", 1), ("priority", "<", 3)]) == ["Beta"]


def test_true_and_false_leaves(env, data):
    assert len(find(env, [(1, "=", 1)])) == 4 and find(env, [(0, "=", 1)]) == []


# -- relational paths and operators ---------------------------------------------------------------


def test_dotted_path_through_a_many2one(env, data):
    assert find(env, [("partner_id.email", "=", "info@acme.test")]) == ["Alpha"]


def test_dotted_path_through_two_relations(env, data):
    assert find(env, [("category_id.parent_id.name", "=", "Root")]) == ["Beta"]


def test_dotted_path_through_a_one2many(env, data):
    assert find(env, [("line_ids.quantity", ">", 2)]) == ["gamma"]


def test_dotted_path_through_a_many2many(env, data):
    assert find(env, [("tag_ids.name", "=", "blue")]) == ["Beta"]


def test_many2one_compared_with_a_name_searches_the_display_name(env, data):
    assert find(env, [("partner_id", "ilike", "acm")]) == ["Alpha"]


def test_many2many_in_ids(env, data):
    assert find(env, [("tag_ids", "in", [data["red"].id])]) == ["Alpha", "Beta"]


def test_x2many_equal_false_means_no_lines(env, data):
    assert find(env, [("line_ids", "=", False)]) == ["Beta", "Delta"]


def test_any_operator_on_a_one2many(env, data):
    assert find(env, [("line_ids", "any", [("name", "=like", "g%")])]) == ["gamma"]


def test_not_any_operator_on_a_many2many(env, data):
    assert find(env, [("tag_ids", "not any", [("name", "=", "red")])]) == ["Delta", "gamma"]


def test_any_operator_on_a_many2one(env, data):
    assert find(env, [("category_id", "any", [("name", "=", "Leaf")])]) == ["gamma"]


def test_child_of_matches_the_category_and_its_descendants(env, data):
    assert find(env, [("category_id", "child_of", data["child"].id)]) == ["Beta", "gamma"]


def test_parent_of_matches_the_category_and_its_ancestors(env, data):
    assert find(env, [("category_id", "parent_of", data["child"].id)]) == ["Alpha", "Beta"]


def test_child_of_on_the_hierarchical_model_itself(env, data):
    found = env["test.orm.category"].search([("id", "child_of", data["root"].id)])
    assert found == data["root"] | data["child"] | data["leaf"]


# -- archiving ------------------------------------------------------------------------------------


def test_archived_records_are_not_found_by_default(env, data):
    assert "Epsilon" not in find(env, [])


def test_archived_records_are_found_when_the_domain_mentions_active(env, data):
    assert find(env, [("active", "=", False)]) == ["Epsilon"]


def test_active_test_false_in_context_finds_everything(env, data):
    records = env["test.orm.record"].with_context(active_test=False).search([])
    assert len(records) == 5


def test_archived_records_can_still_be_browsed(env, data):
    archived = data["records"][4]
    assert archived.name == "Epsilon" and archived.active is False


def test_archiving_hides_a_record(env, data):
    data["records"][0].write({"active": False})
    assert "Alpha" not in find(env, [])


# -- order, limit, offset ------------------------------------------------------------------------


def test_default_order_is_the_model_order(env, data):
    found = env["test.orm.record"].search([])
    assert found.mapped("name") == ["Delta", "gamma", "Beta", "Alpha"]  # priority desc, name


def test_explicit_order(env, data):
    assert env["test.orm.record"].search([], order="name asc").mapped("name") == ["Alpha", "Beta", "Delta",
                                                                                  "gamma"]


def test_order_on_several_columns_with_directions(env, data):
    found = env["test.orm.record"].search([], order="state asc, price desc")
    assert found.mapped("name") == ["Delta", "gamma", "Beta", "Alpha"]  # "done" < "draft"


def test_order_by_a_many2one_uses_the_comodel_order(env, data):
    found = env["test.orm.record"].search([("category_id", "!=", False)], order="category_id")
    assert found.mapped("name") == ["Beta", "gamma", "Alpha"]  # Child, Leaf, Root


def test_limit_and_offset(env, data):
    found = env["test.orm.record"].search([], order="priority", offset=1, limit=2)
    assert found.mapped("name") == ["Beta", "gamma"]


def test_invalid_order_is_refused(env, data):
    with pytest.raises(DomainError, match="Invalid order"):
        env["test.orm.record"].search([], order="name; DROP TABLE x")


def test_order_on_an_unknown_field_names_it(env, data):
    with pytest.raises(DomainError, match="'nam'"):
        env["test.orm.record"].search([], order="nam")


# -- search_count, search_read, filtered_domain ---------------------------------------------------


def test_search_count(env, data):
    assert env["test.orm.record"].search_count([("priority", ">", 2)]) == 2


def test_search_count_with_a_limit(env, data):
    assert env["test.orm.record"].search_count([], limit=3) == 3


def test_search_read_returns_dicts_in_order(env, data):
    rows = env["test.orm.record"].search_read([("priority", "<", 3)], ["name", "priority"], order="priority")
    assert [(row["name"], row["priority"]) for row in rows] == [("Alpha", 1), ("Beta", 2)]


def test_search_read_of_nothing_is_an_empty_list(env, data):
    assert env["test.orm.record"].search_read([("name", "=", "nobody")], ["name"]) == []


def test_filtered_domain_keeps_the_recordset_order(env, data):
    records = data["records"][:4]
    assert records.filtered_domain([("priority", "in", [3, 1])]).mapped("name") == ["Alpha", "gamma"]


# -- bound parameters -----------------------------------------------------------------------------


def test_values_are_bound_parameters_never_sql_text(env, data):
    hostile = "x' OR '1'='1"
    statement = env["test.orm.record"]._search_select([("name", "=", hostile), ("code", "ilike", hostile)])
    compiled = statement.compile(dialect=env.transaction.connection.dialect)
    assert hostile not in str(compiled)
    assert hostile in compiled.params.values()


def test_hostile_values_match_literally(env, data):
    env["test.orm.record"].create({"name": "x' OR '1'='1"})
    assert find(env, [("name", "=", "x' OR '1'='1")]) == ["x' OR '1'='1"]


# -- errors ---------------------------------------------------------------------------------------


def test_unknown_field_is_named_with_the_model_and_a_suggestion(env, data):
    with pytest.raises(DomainError) as error:
        env["test.orm.record"].search([("prioritty", "=", 1)])
    assert str(error.value) == ("Invalid field 'prioritty' in 'prioritty': model test.orm.record has no such "
                                "field (did you mean 'priority'?)")


def test_unknown_field_in_a_dotted_path_names_the_comodel(env, data):
    with pytest.raises(DomainError, match=r"model res\.partner has no such field"):
        env["test.orm.record"].search([("partner_id.emial", "=", "x")])


def test_dotted_path_through_a_plain_field_is_refused(env, data):
    with pytest.raises(DomainError, match=r"test\.orm\.record\.name is not a relational field"):
        env["test.orm.record"].search([("name.id", "=", 1)])


def test_unknown_operator_is_named(env, data):
    with pytest.raises(DomainError, match="Invalid operator 'contains'"):
        env["test.orm.record"].search([("name", "contains", "a")])


def test_operator_not_supported_by_the_field_type_is_named(env, data):
    with pytest.raises(DomainError) as error:
        env["test.orm.record"].search([("flag", "like", "a")])
    assert "Operator 'like' is not supported on field test.orm.record.flag (boolean)" in str(error.value)


def test_malformed_domain_terms_are_refused(env, data):
    with pytest.raises(DomainError, match="Invalid domain term"):
        env["test.orm.record"].search([("name", "=")])


def test_dangling_prefix_operator_is_refused(env, data):
    with pytest.raises(DomainError, match="needs two terms"):
        env["test.orm.record"].search(["|", ("name", "=", "a")])


def test_wrong_value_type_in_a_domain_names_field_and_value(env, data):
    with pytest.raises(Exception, match=r"test\.orm\.record\.priority: 'high'"):
        env["test.orm.record"].search([("priority", "=", "high")])


def test_non_stored_computed_field_without_search_is_refused(env, data):
    with pytest.raises(DomainError, match=r"test\.orm\.record\.line_count is not stored"):
        env["test.orm.record"].search([("line_count", "=", 1)])


def test_hierarchy_operator_on_a_plain_field_is_refused(env, data):
    with pytest.raises(DomainError, match=r"Operator 'child_of' is not supported on field test\.orm\.record\.name"):
        env["test.orm.record"].search([("name", "child_of", 1)])


def test_any_operator_on_a_plain_field_is_refused(env, data):
    with pytest.raises(DomainError, match=r"Operator 'any' is not supported on field test\.orm\.record\.price"):
        env["test.orm.record"].search([("price", "any", [("id", "=", 1)])])


# -- fields searched in their own way ------------------------------------------------------------------


def test_json_documents_compare_whole(env, data):
    env["test.orm.record"].create([{"name": "J1", "payload": {"a": [1, 2]}}, {"name": "J2", "payload": {"a": 3}}])
    assert find(env, [("payload", "=", {"a": [1, 2]})]) == ["J1"]


def test_json_not_equal_includes_empty_documents(env, data):
    env["test.orm.record"].create({"name": "J1", "payload": {"a": 1}})
    assert find(env, [("payload", "!=", {"a": 1})]) == ["Alpha", "Beta", "Delta", "gamma"]


def test_display_name_is_searched_through_the_name_fields(env, data):
    assert find(env, [("display_name", "ilike", "alp")]) == ["Alpha"]


def test_negative_display_name_search(env, data):
    assert find(env, [("display_name", "not ilike", "a")]) == []
    assert find(env, [("display_name", "!=", "Beta")]) == ["Alpha", "Delta", "gamma"]


def test_datetime_compared_with_text(env, data):
    env["test.orm.record"].create({"name": "Timed", "moment": "2024-05-01 10:00:00"})
    assert find(env, [("moment", ">", "2024-05-01 09:59:59")]) == ["Timed"]
    assert find(env, [("moment", ">", "2024-05-01 10:00:00")]) == []
