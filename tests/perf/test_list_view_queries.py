"""A list view costs the same number of SQL statements whatever its page size.

A list view loads a page of records with their columns and many2one names
(``search_read``), counts the records (``search_count``) and, grouped, asks for the
groups (``read_group``). Each is measured through the real ``/jsonrpc`` endpoint as a
normal user, counting every statement of the call's transaction, for pages of 10, 80
and 500 records: a statement per record (or per page of prefetch) would show as growth.
"""

from __future__ import annotations

import json
import urllib.request
import uuid
from typing import Any

import pytest

from nexa.orm import Command

PASSWORD = "list-view-password"
FIELDS = ["name", "email", "phone", "is_company", "country_id", "parent_id", "company_id", "display_name"]
SIZES = (10, 80, 500)


def call(url: str, *args: Any) -> Any:
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                       "params": {"service": "object", "method": "execute_kw", "args": list(args)}}).encode()
    request = urllib.request.Request(f"{url}/jsonrpc", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        reply = json.loads(response.read())
    assert "error" not in reply, reply.get("error")
    return reply["result"]


@pytest.fixture
def listing(nexa_runtime: Any, rpc_database: str) -> dict[str, Any]:
    """520 partners under one tag (some companies, some with a parent and a country) and a user to list them."""
    tag = uuid.uuid4().hex[:8]
    with nexa_runtime.environment(rpc_database) as env:
        countries = env["res.country"].search([], limit=5).ids
        companies = env["res.partner"].create([{"name": f"list {tag} company {i}", "is_company": True}
                                               for i in range(20)])
        env["res.partner"].create([{"name": f"list {tag} contact {i:03d}", "email": f"c{i}@{tag}.test",
                                    "phone": f"+32 {i}", "parent_id": companies[i % 20].id,
                                    "country_id": countries[i % len(countries)] if countries else False}
                                   for i in range(500)])
        uid = env["res.users"].create({"name": f"lister {tag}", "login": f"lister_{tag}", "password": PASSWORD,
                                       "groups_id": [Command.set([env.ref("base.group_user").id])]}).id
    return {"tag": tag, "uid": uid}


@pytest.fixture
def statements(nexa_runtime: Any, rpc_database: str) -> list[list[str]]:
    """The statements of every transaction the database runs from now on, one list per transaction."""
    database = nexa_runtime.database(rpc_database)
    seen: list[list[str]] = []

    def hook(transaction: Any) -> None:
        log: list[str] = []
        seen.append(log)
        transaction.observers.append(lambda statement: log.append(str(statement)))

    database.transaction_hooks.append(hook)
    yield seen
    database.transaction_hooks.remove(hook)


def count(statements: list[list[str]], block: Any) -> int:
    statements.clear()
    block()
    return sum(len(log) for log in statements)


@pytest.mark.parametrize("method", ["search_read", "search_count", "read_group"])
def test_a_list_view_call_costs_the_same_statements_for_10_80_and_500_rows(live_server, rpc_database, listing,
                                                                            statements, method):
    uid, domain = listing["uid"], [["name", "like", f"list {listing['tag']} contact"]]

    def load(size: int) -> None:
        if method == "search_read":
            rows = call(live_server, rpc_database, uid, PASSWORD, "res.partner", "search_read", [domain],
                        {"fields": FIELDS, "limit": size})
            assert len(rows) == size and rows[0]["parent_id"][1].startswith(f"list {listing['tag']} company")
        elif method == "search_count":
            assert call(live_server, rpc_database, uid, PASSWORD, "res.partner", "search_count", [domain],
                        {"limit": size}) == size
        else:
            groups = call(live_server, rpc_database, uid, PASSWORD, "res.partner", "read_group",
                          [domain, ["country_id"], ["country_id"]], {"limit": size})
            assert groups

    load(10)  # warm the caches a first call fills (access rights, compiled statements)
    counts = [count(statements, lambda size=size: load(size)) for size in SIZES]
    assert counts[0] == counts[1] == counts[2], dict(zip(SIZES, counts))


def test_the_page_and_its_columns_come_from_one_statement(live_server, rpc_database, listing, statements):
    uid, domain = listing["uid"], [["name", "like", f"list {listing['tag']} contact"]]

    def page() -> None:
        call(live_server, rpc_database, uid, PASSWORD, "res.partner", "search_read", [domain],
             {"fields": ["name", "email", "parent_id"], "limit": 80})

    page()
    count(statements, page)
    paged = [statement for log in statements for statement in log if "LIMIT" in statement]
    assert len(paged) == 1
    assert "res_partner.email" in paged[0] and "res_partner.parent_id" in paged[0]
