"""Access rights and field groups, proven through the real ``/jsonrpc`` endpoint.

A user without rights on a model gets an AccessError for every operation and
nothing is written; a model without any access row is for superuser code only;
a field restricted to groups is absent from ``fields_get``, ``read``,
``search_read``, views and exports, and refused on write and create; no RPC
argument turns the superuser mode on.
"""

from __future__ import annotations

import pytest
from rpc_world import refused

pytestmark = pytest.mark.addons("test_security")

ACCESS_ERROR = "odoo.exceptions.AccessError"


# -- model access rights ---------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "args"), [
    ("search", [[]]),
    ("search_count", [[]]),
    ("search_read", [[], ["name"]]),
    ("name_search", ["doc"]),
    ("read_group", [[], ["amount:sum"], ["state"]]),
])
def test_a_user_without_read_right_is_refused_every_read(world, method, args):
    error = refused(world.rpc("nobody"), "test.security.doc", method, *args)
    assert error.name == ACCESS_ERROR and "test.security.doc" in error.message


def test_a_user_without_read_right_cannot_read_a_record_by_id(world):
    error = refused(world.rpc("nobody"), "test.security.doc", "read", [world.records["alice_doc"]], ["name"])
    assert error.name == ACCESS_ERROR


def test_a_user_without_read_right_cannot_export(world):
    error = refused(world.rpc("nobody"), "test.security.doc", "export_data", [world.records["alice_doc"]], ["name"])
    assert error.name == ACCESS_ERROR


def test_a_user_without_create_right_creates_nothing(world, look):
    error = refused(world.rpc("reader"), "test.security.doc", "create", {"name": f"forbidden {world.tag}"})
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert not env["test.security.doc"].search([("name", "=", f"forbidden {world.tag}")])


def test_a_user_without_write_right_changes_nothing(world, look):
    doc = world.records["alice_doc"]
    error = refused(world.rpc("reader"), "test.security.doc", "write", [doc], {"name": "changed"})
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert env["test.security.doc"].browse(doc).name == f"alice doc {world.tag}"


def test_a_user_without_delete_right_deletes_nothing(world, look):
    doc = world.records["alice_doc"]
    error = refused(world.rpc("reader"), "test.security.doc", "unlink", [doc])
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert env["test.security.doc"].browse(doc).exists()


def test_a_model_without_access_rows_is_refused_even_to_the_administrator(world):
    error = refused(world.rpc("admin"), "test.security.vault", "search", [])
    assert error.name == ACCESS_ERROR and "test.security.vault" in error.message


def test_a_model_without_access_rows_is_reachable_in_superuser_code(look):
    with look() as env:
        vault = env["test.security.vault"].create({"name": "kept by the server"})
        assert env["test.security.vault"].search([("id", "=", vault.id)]) == vault


# -- superuser mode is never reachable from RPC arguments -----------------------------------------
@pytest.mark.parametrize("context", [{"su": True}, {"sudo": True}, {"uid": 1}, {"superuser": True},
                                     {"active_test": False, "su": 1}])
def test_no_context_key_turns_the_superuser_mode_on(world, context):
    error = refused(world.rpc("nobody", **context), "test.security.doc", "search", [])
    assert error.name == ACCESS_ERROR


@pytest.mark.parametrize("method", ["sudo", "with_user", "with_context", "_search", "_check_access",
                                    "check_access_rights", "_generate", "_authenticate"])
def test_plumbing_and_private_methods_are_not_callable(world, method):
    error = refused(world.rpc("alice"), "test.security.doc", method, [])
    assert error.name == ACCESS_ERROR


# -- field groups --------------------------------------------------------------------------------------
def test_a_field_of_another_group_is_absent_from_fields_get(world):
    assert "secret_note" not in world.rpc("alice")("test.security.doc", "fields_get")
    assert "secret_note" in world.rpc("boss")("test.security.doc", "fields_get")


def test_a_field_of_another_group_is_absent_from_a_default_read(world):
    rows = world.rpc("alice")("test.security.doc", "read", [world.records["alice_doc"]])
    assert "secret_note" not in rows[0] and "name" in rows[0]


def test_a_field_of_another_group_is_absent_from_search_read(world):
    rows = world.rpc("alice")("test.security.doc", "search_read", [("id", "=", world.records["alice_doc"])])
    assert rows and "secret_note" not in rows[0]


def test_reading_a_field_of_another_group_by_name_is_refused(world):
    error = refused(world.rpc("alice"), "test.security.doc", "read", [world.records["alice_doc"]], ["secret_note"])
    assert error.name == ACCESS_ERROR and "secret_note" in error.message


def test_a_field_of_another_group_is_absent_from_views(world):
    views = world.rpc("alice")("test.security.doc", "get_views", [[False, "form"], [False, "list"]])
    for view in views["views"].values():
        assert "secret_note" not in view["arch"]
    assert "secret_note" not in views["models"]["test.security.doc"]


def test_exporting_a_field_of_another_group_is_refused(world):
    error = refused(world.rpc("alice"), "test.security.doc", "export_data", [world.records["alice_doc"]],
                    ["name", "secret_note"])
    assert error.name == ACCESS_ERROR and "secret_note" in error.message


def test_writing_a_field_of_another_group_is_refused_and_changes_nothing(world, look):
    doc = world.records["alice_doc"]
    error = refused(world.rpc("alice"), "test.security.doc", "write", [doc], {"secret_note": "overwritten"})
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert env["test.security.doc"].browse(doc).secret_note == "the alice secret"


def test_creating_with_a_field_of_another_group_is_refused(world, look):
    error = refused(world.rpc("alice"), "test.security.doc", "create",
                    {"name": f"with secret {world.tag}", "secret_note": "x"})
    assert error.name == ACCESS_ERROR
    with look() as env:
        assert not env["test.security.doc"].search([("name", "=", f"with secret {world.tag}")])


def test_the_group_of_a_field_sees_it_everywhere(world):
    rpc = world.rpc("boss")
    doc = world.records["alice_doc"]
    assert rpc("test.security.doc", "read", [doc], ["secret_note"])[0]["secret_note"] == "the alice secret"
    assert rpc("test.security.doc", "export_data", [doc], ["secret_note"]) == {"datas": [["the alice secret"]]}


def test_internal_fields_are_never_readable_even_by_the_administrator(world):
    rpc = world.rpc("admin")
    assert "password_hash" not in rpc("res.users", "fields_get")
    error = refused(rpc, "res.users", "read", [world.users["alice"]], ["totp_secret"])
    assert error.name == ACCESS_ERROR
