"""Hierarchies without parent_path: loops refused before anything is written, and _check_recursion."""

from __future__ import annotations

import pytest

from nexa.exceptions import ValidationError

pytestmark = pytest.mark.addons("test_orm_depth")


@pytest.fixture
def nodes(env):
    """root > child > leaf."""
    Node = env["test.depth.node"]
    root = Node.create({"name": "Root"})
    child = Node.create({"name": "Child", "parent_id": root.id})
    leaf = Node.create({"name": "Leaf", "parent_id": child.id})
    return root, child, leaf


def test_a_record_cannot_become_its_own_parent(nodes):
    root, _child, _leaf = nodes
    with pytest.raises(ValidationError, match=r"Recursion detected: test\.depth\.node") as error:
        root.write({"parent_id": root.id})
    assert (error.value.model, error.value.field, error.value.record_ids) == ("test.depth.node", "parent_id",
                                                                              [root.id])


def test_a_record_cannot_move_below_its_descendant(env, nodes):
    root, _child, leaf = nodes
    with pytest.raises(ValidationError, match="cannot be placed below itself"):
        root.write({"parent_id": leaf.id})
    env.cache.clear()
    assert not root.parent_id


def test_moving_a_subtree_elsewhere_is_allowed(env, nodes):
    _root, child, leaf = nodes
    other = env["test.depth.node"].create({"name": "Other"})
    child.write({"parent_id": other.id})
    assert leaf.complete_name == "Other / Child / Leaf"


def test_contacts_cannot_form_a_loop(env):
    acme = env["res.partner"].create({"name": "Acme", "is_company": True})
    ann = env["res.partner"].create({"name": "Ann", "parent_id": acme.id})
    with pytest.raises(ValidationError, match=r"res\.partner.*below itself"):
        acme.write({"parent_id": ann.id})


def test_check_recursion_on_another_relation(env, nodes):
    root, child, leaf = nodes
    root.write({"manager_id": child.id})
    child.write({"manager_id": leaf.id})
    with pytest.raises(ValidationError, match="cannot manage itself"):
        leaf.write({"manager_id": root.id})


def test_check_recursion_is_true_without_a_loop(nodes):
    root, child, leaf = nodes
    assert (root | child | leaf)._check_recursion() is True


def test_check_recursion_needs_a_relation_to_the_same_model(nodes):
    with pytest.raises(ValidationError, match="'name' is not one"):
        nodes[0]._check_recursion("name")


def test_child_of_and_parent_of_walk_the_tree(env, nodes):
    root, child, leaf = nodes
    Node = env["test.depth.node"]
    assert Node.search([("id", "child_of", child.id)]) == child | leaf
    assert Node.search([("id", "parent_of", child.id)]) == root | child
