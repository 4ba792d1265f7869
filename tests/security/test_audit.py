"""The audit log, through the real ``/jsonrpc`` endpoint: changes of audited models, security records and
logins are recorded with who, what, from what to what, when and through which request; only
administrators read it, nobody changes it, and no secret is ever in it.
"""

from __future__ import annotations

import json

import pytest
from rpc_world import PASSWORD, refused

pytestmark = pytest.mark.addons("test_security")

LOG = "ir.audit.log"


def entries(rpc, model, res_id, operation=None):
    domain = [("model", "=", model), ("res_id", "=", res_id)] + ([("operation", "=", operation)] if operation else [])
    return rpc(LOG, "search_read", domain, ["user_id", "operation", "changes", "request", "date"])


def test_a_write_on_an_audited_model_records_who_changed_what_from_what_to_what(world):
    world.rpc("alice")("test.security.doc", "write", [world.records["alice_doc"]], {"amount": 12})
    [entry] = entries(world.rpc("boss"), "test.security.doc", world.records["alice_doc"], "write")
    assert entry["user_id"][0] == world.users["alice"]
    assert entry["changes"] == {"amount": {"old": 10, "new": 12}}
    assert entry["date"]


def test_the_entry_names_the_request_that_made_the_change(world):
    world.rpc("alice")("test.security.doc", "write", [world.records["alice_doc"]], {"amount": 13})
    [entry] = entries(world.rpc("boss"), "test.security.doc", world.records["alice_doc"], "write")
    assert entry["request"].startswith("object.execute_kw test.security.doc.write from 127.0.0.1")


def test_create_and_delete_are_recorded_with_the_values(world):
    rpc = world.rpc("alice")
    doc = rpc("test.security.doc", "create", {"name": f"short-lived {world.tag}", "amount": 3})
    rpc("test.security.doc", "unlink", [doc])
    boss = world.rpc("boss")
    [created] = entries(boss, "test.security.doc", doc, "create")
    [deleted] = entries(boss, "test.security.doc", doc, "unlink")
    assert created["changes"]["amount"] == {"new": 3}
    assert deleted["changes"]["name"] == {"old": f"short-lived {world.tag}"}


def test_a_change_that_is_rolled_back_leaves_no_entry(world):
    rpc = world.rpc("bob")
    refused(rpc, "test.security.doc", "write", [world.records["bob_doc"], world.records["alice_doc"]],
            {"amount": 1})
    assert entries(world.rpc("boss"), "test.security.doc", world.records["bob_doc"], "write") == []


def test_changes_of_groups_of_a_user_are_always_recorded(world):
    group = world.rpc("admin")("res.groups", "search", [("name", "=", "Multi Companies")])[0]
    world.rpc("admin")("res.users", "write", [world.users["bob"]], {"groups_id": [(4, group)]})
    entry = entries(world.rpc("boss"), "res.users", world.users["bob"], "write")[0]  # the newest
    assert group in entry["changes"]["groups_id"]["new"] and group not in entry["changes"]["groups_id"]["old"]


def test_new_record_rules_and_access_rights_are_recorded(world):
    admin = world.rpc("admin")
    model = admin("ir.model", "search", [("model", "=", "test.security.tag")])[0]
    rule = admin("ir.rule", "create", {"name": f"rule {world.tag}", "model_id": model,
                                       "domain_force": "[('name', '!=', 'x')]"})
    access = admin("ir.model.access", "create", {"name": f"access {world.tag}", "model_id": model,
                                                 "perm_read": True})
    boss = world.rpc("boss")
    assert entries(boss, "ir.rule", rule, "create")[0]["changes"]["domain_force"] == {"new": "[('name', '!=', 'x')]"}
    assert entries(boss, "ir.model.access", access, "create")[0]["changes"]["perm_read"] == {"new": True}


def test_logins_and_failed_logins_are_recorded(world):
    rpc = world.rpc("bob")
    login = f"bob_{world.tag}"
    assert rpc.service("common", "authenticate", world.db, login, PASSWORD, {}) == world.users["bob"]
    assert rpc.service("common", "authenticate", world.db, login, "wrong", {}) is False
    rows = world.rpc("boss")(LOG, "search_read", [("login", "=", login)], ["operation", "res_id"])
    assert sorted(row["operation"] for row in rows) == ["login", "login_failed"]
    assert {row["res_id"] for row in rows} == {world.users["bob"]}


def test_password_changes_are_recorded_without_the_password(world):
    world.rpc("admin")("res.users", "write", [world.users["bob"]], {"password": "A brand new secret"})
    rows = entries(world.rpc("boss"), "res.users", world.users["bob"], "write")
    text = json.dumps(rows)
    assert "A brand new secret" not in text and "pbkdf2" not in text
    assert {"old": "********", "new": "********"} in [change for row in rows for change in row["changes"].values()]


def test_only_administrators_read_the_log(world):
    assert refused(world.rpc("manager"), LOG, "search", []).name == "odoo.exceptions.AccessError"
    assert world.rpc("boss")(LOG, "search_count", []) > 0


def test_nobody_changes_or_deletes_the_log_over_rpc(world):
    boss = world.rpc("boss")
    entry = boss(LOG, "search", [], limit=1)
    assert refused(boss, LOG, "write", entry, {"model": "forged"}).name == "odoo.exceptions.AccessError"
    assert refused(boss, LOG, "unlink", entry).name == "odoo.exceptions.AccessError"
    assert refused(boss, LOG, "create", {"model": "forged", "operation": "write"}).name == \
        "odoo.exceptions.AccessError"


def test_models_that_did_not_opt_in_are_not_logged(world):
    world.rpc("manager")("test.security.tag", "write", [world.records["public_tag"]], {"name": f"renamed {world.tag}"})
    assert entries(world.rpc("boss"), "test.security.tag", world.records["public_tag"]) == []
