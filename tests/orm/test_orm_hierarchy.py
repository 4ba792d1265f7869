"""Hierarchies: ``parent_path`` kept by ``_parent_store`` models, and child_of / parent_of without it."""

from __future__ import annotations

import pytest

from nexa.exceptions import ValidationError

pytestmark = pytest.mark.addons("test_orm")


@pytest.fixture
def tree(env):
    """root > child > leaf, and other (a second root)."""
    Category = env["test.orm.category"]
    root = Category.create({"name": "Root"})
    child = Category.create({"name": "Child", "parent_id": root.id})
    leaf = Category.create({"name": "Leaf", "parent_id": child.id})
    other = Category.create({"name": "Other"})
    return {"root": root, "child": child, "leaf": leaf, "other": other}


def path(*records):
    return "".join(f"{record.id}/" for record in records)


def test_created_records_get_their_ancestors_path(tree):
    assert tree["leaf"].parent_path == path(tree["root"], tree["child"], tree["leaf"])


def test_records_created_in_a_batch_get_their_paths(env, tree):
    a, b = env["test.orm.category"].create([{"name": "A", "parent_id": tree["leaf"].id}, {"name": "B"}])
    assert (a.parent_path, b.parent_path) == (tree["leaf"].parent_path + f"{a.id}/", f"{b.id}/")


def test_moving_a_record_rewrites_the_paths_of_its_subtree(tree):
    tree["child"].write({"parent_id": tree["other"].id})
    assert tree["leaf"].parent_path == path(tree["other"], tree["child"], tree["leaf"])


def test_moving_a_record_to_the_top_shortens_the_paths(tree):
    tree["child"].write({"parent_id": False})
    assert (tree["child"].parent_path, tree["leaf"].parent_path) == (path(tree["child"]),
                                                                     path(tree["child"], tree["leaf"]))


def test_moving_a_record_below_itself_is_refused(tree):
    with pytest.raises(ValidationError, match=r"Recursion detected: test\.orm\.category"):
        tree["root"].write({"parent_id": tree["leaf"].id})


def test_child_of_follows_the_stored_paths(env, tree, count_queries):
    with count_queries(env) as log:
        found = env["test.orm.category"].search([("id", "child_of", tree["child"].id)])
    assert found == tree["child"] | tree["leaf"]
    assert any("parent_path LIKE" in statement for statement in log.statements)


def test_child_of_after_a_move(env, tree):
    tree["child"].write({"parent_id": tree["other"].id})
    found = env["test.orm.category"].search([("id", "child_of", tree["other"].id)])
    assert found == tree["other"] | tree["child"] | tree["leaf"]


def test_parent_of_finds_the_ancestors(env, tree):
    found = env["test.orm.category"].search([("id", "parent_of", tree["leaf"].id)])
    assert found == tree["root"] | tree["child"] | tree["leaf"]


def test_child_of_without_parent_store_walks_the_tree(env):
    acme = env["res.partner"].create({"name": "Acme", "is_company": True})
    ann = env["res.partner"].create({"name": "Ann", "parent_id": acme.id})
    assistant = env["res.partner"].create({"name": "Assistant", "parent_id": ann.id})
    assert env["res.partner"].search([("id", "child_of", acme.id)]) == acme | ann | assistant


def test_child_of_a_name_searches_the_roots_by_name(env, tree):
    found = env["test.orm.category"].search([("id", "child_of", "Child")])
    assert found == tree["child"] | tree["leaf"]


def test_a_refused_move_leaves_the_parent_unchanged(env, tree):
    with pytest.raises(ValidationError, match="cannot be placed below itself"):
        tree["child"].write({"parent_id": tree["child"].id})
    env.cache.clear()
    assert tree["child"].parent_id == tree["root"]
