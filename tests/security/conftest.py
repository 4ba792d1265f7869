"""Fixtures of the security suite: people with different rights, their documents, a JSON-RPC client.

Everything goes through the real ``/jsonrpc`` endpoint of a live server, on a
database with the ``test_security`` fixture addon whose data is committed; each
fixture creates its own records under unique names, so tests never depend on
one another.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from rpc_world import PASSWORD, World


def _groups(env: Any, *xmlids: str) -> list:
    return [(6, 0, [env.ref(xmlid).id for xmlid in xmlids])]


@pytest.fixture
def world(nexa_runtime: Any, rpc_database: str, live_server: str) -> World:
    """Users alice and bob (document users), reader, manager, boss (manager and administrator), nobody
    (no document right), stranger (a manager of the other company only), admin;
    companies main and other; alice's document with public and private lines and tags, a
    confidential category; bob's document; a locked document of alice; a document of the
    other company; a partner of the other company."""
    tag = uuid.uuid4().hex[:8]
    with nexa_runtime.environment(rpc_database) as env:
        main = env.ref("base.main_company")
        other = env["res.company"].create({"name": f"Other {tag}"})
        both = [(6, 0, [main.id, other.id])]

        def user(name: str, *groups: str, companies: list | None = None) -> int:
            companies = companies or [(6, 0, [main.id])]
            return env["res.users"].create({
                "name": f"{name} {tag}", "login": f"{name}_{tag}", "password": PASSWORD,
                "company_id": companies[0][2][0], "company_ids": companies,
                "groups_id": _groups(env, *groups)}).id

        users = {
            "alice": user("alice", "test_security.group_doc_user", companies=both),
            "bob": user("bob", "test_security.group_doc_user"),
            "reader": user("reader", "test_security.group_doc_reader"),
            "manager": user("manager", "test_security.group_doc_manager"),
            "boss": user("boss", "test_security.group_doc_manager", "base.group_system"),
            "nobody": user("nobody", "base.group_user"),
            "stranger": user("stranger", "test_security.group_doc_manager", companies=[(6, 0, [other.id])]),
            "admin": env.ref("base.user_admin").id,
        }
        Doc = env["test.security.doc"]
        confidential = env["test.security.category"].create({"name": f"Confidential {tag}", "confidential": True})
        public_tag, private_tag = env["test.security.tag"].create([
            {"name": f"public {tag}"}, {"name": f"private {tag}", "private": True}])
        alice_doc = Doc.create({
            "name": f"alice doc {tag}", "owner_id": users["alice"], "category_id": confidential.id,
            "amount": 10, "secret_note": "the alice secret",
            "line_ids": [(0, 0, {"name": f"public line {tag}"}),
                         (0, 0, {"name": f"private line {tag}", "private": True})],
            "tag_ids": [(6, 0, [public_tag.id, private_tag.id])]})
        bob_doc = Doc.create({"name": f"bob doc {tag}", "owner_id": users["bob"], "amount": 20})
        locked = Doc.create({"name": f"locked doc {tag}", "owner_id": users["alice"], "state": "locked"})
        foreign = Doc.create({"name": f"other company doc {tag}", "owner_id": users["alice"],
                              "company_id": other.id, "amount": 30})
        foreign_partner = env["res.partner"].create({"name": f"Other partner {tag}", "company_id": other.id})
        accounts = env["test.security.account"].create([{"name": f"main account {tag}", "company_id": main.id},
                                                         {"name": f"other account {tag}", "company_id": other.id}])
        records = {
            "alice_doc": alice_doc.id, "bob_doc": bob_doc.id, "locked_doc": locked.id, "foreign_doc": foreign.id,
            "public_line": alice_doc.line_ids[0].id, "private_line": alice_doc.line_ids[1].id,
            "public_tag": public_tag.id, "private_tag": private_tag.id, "confidential": confidential.id,
            "foreign_partner": foreign_partner.id, "main_account": accounts[0].id, "other_account": accounts[1].id,
        }
    return World(live_server, rpc_database, tag, users, {"main": main.id, "other": other.id}, records)


@pytest.fixture
def look(nexa_runtime: Any, rpc_database: str) -> Any:
    """``with look() as env:`` a superuser environment in a fresh transaction, to see what is committed."""
    return lambda: nexa_runtime.environment(rpc_database)
