"""Nexa's figures beside the workloads: installing every addon, and SQL statements per list page.

The issue asks for more than W1–W5: the time a full install of every addon takes, the
start-up time and memory of a server with every addon installed (the W5 servers run on
such a database, see ``drivers/nexa_orm.py``), and the number of SQL statements a list view
costs as its page grows, which must not grow with it. Figures here are Nexa's own (Tryton
has no equivalent measurement in this harness); each is one JSON line of kind ``extra``.

The list-view count goes through the real WSGI application (JSON-RPC ``search_read`` and
``search_count`` of ``res.partner``, as a logged-in internal user), counting every statement
of each call's transaction, plus the one statement per request that reads the database's
signals outside it.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from tools.bench import common
from tools.bench.drivers import Database
from tools.bench.drivers.nexa_orm import ADDONS, nexa_runtime

PAGE_SIZES = (10, 80, 500)
LIST_FIELDS = ["name", "email", "phone", "is_company", "country_id", "parent_id", "display_name"]
PASSWORD = "bench-extras"


def run_extras(database: Database, emit: Any, log: Any) -> None:
    """Install every addon on the empty ``database`` (timed), then count the statements of list pages."""
    from nexa.modules.install import install

    runtime = nexa_runtime(database.sqlalchemy_url())
    try:
        name = runtime.db_name()
        started = time.perf_counter()
        installed = install(runtime, name, list(ADDONS))
        seconds = time.perf_counter() - started
        emit({"kind": "extra", "backend": database.backend, "measure": "install_s", "value": seconds,
              "addons": installed})
        log(f"[{database.backend}] nexa: installed {', '.join(installed)} in {seconds:.2f} s")
        for size, statements in list_page_statements(runtime, name).items():
            emit({"kind": "extra", "backend": database.backend, "measure": "list_statements", "page": size,
                  "value": statements})
            log(f"[{database.backend}] nexa: a list page of {size} partners costs {statements} SQL statements")
    finally:
        runtime.close()


def list_page_statements(runtime: Any, name: str) -> dict[int, int]:
    """``{page size: statements}`` of one list page (``search_read`` + ``search_count``) over JSON-RPC."""
    from werkzeug.test import Client

    from nexa.http.app import Application
    from nexa.orm import Command

    tag = uuid.uuid4().hex[:8]
    with runtime.environment(name) as env:
        countries = env["res.country"].search([], limit=10).ids
        parents = env["res.partner"].create([{"name": f"{tag} company {i}", "is_company": True} for i in range(20)])
        env["res.partner"].create([{"name": f"{tag} contact {i:03d}", "email": f"c{i}@{tag}.test",
                                    "phone": f"+1 555 {i:04d}", "parent_id": parents[i % 20].id,
                                    "country_id": countries[i % len(countries)] if countries else False}
                                   for i in range(max(PAGE_SIZES))])
        uid = env["res.users"].create({"name": f"lister {tag}", "login": f"lister_{tag}", "password": PASSWORD,
                                       "groups_id": [Command.set([env.ref("base.group_user").id])]}).id
    client = Client(Application(runtime))
    domain = [["name", "like", f"{tag} contact"]]
    counted: list[int] = []
    database = runtime.database(name)
    database.transaction_hooks.append(lambda transaction: transaction.observers.append(lambda _s: counted.append(1)))

    def page(size: int) -> None:
        for method, kwargs in (("search_read", {"fields": LIST_FIELDS, "limit": size}), ("search_count", {})):
            body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "service": "object", "method": "execute_kw",
                "args": [name, uid, PASSWORD, "res.partner", method, [domain], kwargs]}}
            reply = client.post("/jsonrpc", json=body).get_json()
            if "error" in reply:
                raise RuntimeError(f"list page {method}: {reply['error']['data']['message']}")

    try:
        page(PAGE_SIZES[0])  # the first call fills the caches every later one uses
        result = {}
        for size in PAGE_SIZES:
            counted.clear()
            page(size)
            result[size] = len(counted) + 2  # + the signal read of each of the two requests
        return result
    finally:
        database.transaction_hooks.clear()


def extras_database(work_dir: Any, backend: str) -> Database:
    """The database the extras install into (its own, made empty)."""
    return Database(backend, common.database_name("nexa_extras"), work_dir / "db")
