"""Record rules, proven through the real ``/jsonrpc`` endpoint, on every path that reads or changes records.

Users (group ``doc_user``) see and change their own documents, not locked ones;
readers see their own documents' public lines and tags; managers see everything;
nobody sees another company's documents. Each refused change is an AccessError
and leaves the database as it was.
"""

from __future__ import annotations

import pytest
from rpc_world import refused

pytestmark = pytest.mark.addons("test_security")

ACCESS_ERROR = "odoo.exceptions.AccessError"
DOC = "test.security.doc"


def mine(world, rpc, domain=()):
    """The ids of this test's documents that ``rpc`` finds (the database holds other tests' too)."""
    return set(rpc(DOC, "search", [("name", "like", world.tag), *domain]))


# -- searches and counts are filtered ---------------------------------------------------------------
def test_search_returns_only_the_documents_the_rules_allow(world):
    records = world.records
    assert mine(world, world.rpc("alice")) == {records["alice_doc"], records["locked_doc"]}
    assert mine(world, world.rpc("bob")) == {records["bob_doc"]}
    assert mine(world, world.rpc("manager")) == {records["alice_doc"], records["bob_doc"], records["locked_doc"]}


def test_search_count_counts_only_the_allowed_documents(world):
    domain = [("name", "like", world.tag)]
    assert world.rpc("alice")(DOC, "search_count", domain) == 2
    assert world.rpc("manager")(DOC, "search_count", domain) == 3


def test_search_read_returns_only_the_allowed_documents(world):
    rows = world.rpc("bob")(DOC, "search_read", [("name", "like", world.tag)], ["name"])
    assert [row["name"] for row in rows] == [f"bob doc {world.tag}"]


def test_name_search_finds_only_the_allowed_documents(world):
    found = world.rpc("bob")(DOC, "name_search", world.tag)
    assert [name for _id, name in found] == [f"bob doc {world.tag}"]


def test_a_search_through_a_relation_does_not_match_hidden_lines(world):
    rpc = world.rpc("alice")
    assert mine(world, rpc, [("line_ids.name", "=", f"public line {world.tag}")]) == {world.records["alice_doc"]}
    assert mine(world, rpc, [("line_ids.name", "=", f"private line {world.tag}")]) == set()


def test_read_group_counts_only_the_allowed_documents(world):
    groups = world.rpc("alice")(DOC, "read_group", [("name", "like", world.tag)], ["amount:sum"], ["state"])
    counts = {group["state"]: group["state_count"] for group in groups}
    assert counts == {"draft": 1, "locked": 1}
    assert sum(group["amount"] for group in groups) == 10


# -- reading records the rules hide ---------------------------------------------------------------------
def test_reading_a_hidden_record_by_id_is_refused(world):
    error = refused(world.rpc("bob"), DOC, "read", [world.records["alice_doc"]], ["name"])
    assert error.name == ACCESS_ERROR and str(world.records["alice_doc"]) in error.message


def test_exporting_a_hidden_record_is_refused(world):
    error = refused(world.rpc("bob"), DOC, "export_data", [world.records["alice_doc"]], ["name"])
    assert error.name == ACCESS_ERROR


def test_a_many2one_to_a_hidden_record_reads_restricted(world):
    row = world.rpc("alice")(DOC, "read", [world.records["alice_doc"]], ["category_id"])[0]
    assert row["category_id"] == [world.records["confidential"], "Restricted"]
    manager_row = world.rpc("manager")(DOC, "read", [world.records["alice_doc"]], ["category_id"])[0]
    assert manager_row["category_id"] == [world.records["confidential"], f"Confidential {world.tag}"]


def test_reading_the_hidden_many2one_target_itself_is_refused(world):
    error = refused(world.rpc("alice"), "test.security.category", "read", [world.records["confidential"]])
    assert error.name == ACCESS_ERROR


def test_read_group_names_a_hidden_many2one_group_restricted(world):
    groups = world.rpc("alice")(DOC, "read_group", [("id", "=", world.records["alice_doc"])], ["amount:sum"],
                                ["category_id"])
    assert [group["category_id"] for group in groups] == [[world.records["confidential"], "Restricted"]]


def test_a_one2many_read_leaves_out_hidden_lines(world):
    records = world.records
    assert world.rpc("alice")(DOC, "read", [records["alice_doc"]], ["line_ids"])[0]["line_ids"] == \
        [records["public_line"]]
    assert world.rpc("manager")(DOC, "read", [records["alice_doc"]], ["line_ids"])[0]["line_ids"] == \
        [records["public_line"], records["private_line"]]


def test_a_many2many_read_leaves_out_hidden_tags(world):
    records = world.records
    assert world.rpc("alice")(DOC, "read", [records["alice_doc"]], ["tag_ids"])[0]["tag_ids"] == \
        [records["public_tag"]]


def test_an_export_leaves_out_hidden_lines(world):
    datas = world.rpc("alice")(DOC, "export_data", [world.records["alice_doc"]], ["name", "line_ids/name"])["datas"]
    assert datas == [[f"alice doc {world.tag}", f"public line {world.tag}"]]
    manager = world.rpc("manager")(DOC, "export_data", [world.records["alice_doc"]], ["name", "line_ids/name"])
    assert manager["datas"] == [[f"alice doc {world.tag}", f"public line {world.tag}"],
                                ["", f"private line {world.tag}"]]


def test_exporting_through_a_hidden_many2one_is_refused(world):
    error = refused(world.rpc("alice"), DOC, "export_data", [world.records["alice_doc"]], ["category_id/name"])
    assert error.name == ACCESS_ERROR


# -- changes the rules forbid -------------------------------------------------------------------------------
def test_writing_another_users_document_is_refused_and_changes_nothing(world, look):
    doc = world.records["alice_doc"]
    error = refused(world.rpc("bob"), DOC, "write", [doc], {"amount": 99})
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert env[DOC].browse(doc).amount == 10


def test_writing_a_locked_document_is_refused_although_it_is_readable(world, look):
    doc = world.records["locked_doc"]
    rpc = world.rpc("alice")
    assert rpc(DOC, "read", [doc], ["state"])[0]["state"] == "locked"
    error = refused(rpc, DOC, "write", [doc], {"name": "unlocked?"})
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert env[DOC].browse(doc).name == f"locked doc {world.tag}"


def test_deleting_another_users_document_is_refused_and_deletes_nothing(world, look):
    doc = world.records["alice_doc"]
    error = refused(world.rpc("bob"), DOC, "unlink", [doc])
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert env[DOC].browse(doc).exists()


def test_a_write_on_allowed_and_hidden_records_changes_none_of_them(world, look):
    records = world.records
    error = refused(world.rpc("bob"), DOC, "write", [records["bob_doc"], records["alice_doc"]], {"amount": 7})
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert env[DOC].browse(records["bob_doc"]).amount == 20


def test_creating_a_record_outside_the_create_rules_is_refused_and_creates_nothing(world, look):
    name = f"made for alice by bob {world.tag}"
    error = refused(world.rpc("bob"), DOC, "create", {"name": name, "owner_id": world.users["alice"]})
    assert error.name == ACCESS_ERROR and "create" in error.message
    with look() as env:
        assert not env[DOC].search([("name", "=", name)])


def test_creating_lines_the_user_could_not_see_is_refused(world, look):
    name = f"hidden line {world.tag}"
    error = refused(world.rpc("alice"), DOC, "write", [world.records["alice_doc"]],
                    {"line_ids": [(0, 0, {"name": name, "private": True})]})
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert not env["test.security.line"].search([("name", "=", name)])


def test_replacing_tags_keeps_the_links_the_user_cannot_see(world, look):
    records = world.records
    world.rpc("alice")(DOC, "write", [records["alice_doc"]], {"tag_ids": [(6, 0, [])]})
    with look() as env:
        assert env[DOC].browse(records["alice_doc"]).tag_ids.ids == [records["private_tag"]]


def test_the_owner_can_change_and_delete_their_own_document(world, look):
    rpc, doc = world.rpc("alice"), world.records["alice_doc"]
    assert rpc(DOC, "write", [doc], {"amount": 11}) is True
    assert rpc(DOC, "unlink", [doc]) is True
    with look() as env:
        assert not env[DOC].browse(doc).exists()
