"""Every RPC call is one transaction: committed when it returns, rolled back whole when it fails.

``test.rpc.thing.rename_then_fail`` writes its record and creates another one,
then raises a UserError: after the call neither change may be visible, whichever
route carried it, and no database connection may stay checked out.
"""

from __future__ import annotations

import uuid
import xmlrpc.client

import pytest

pytestmark = pytest.mark.addons("test_rpc_api")


@pytest.fixture
def models(live_server):
    return xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/object")


@pytest.fixture
def execute(models, rpc_database):
    def run(model: str, method: str, args: list, kwargs: dict | None = None):
        return models.execute_kw(rpc_database, 1, "admin", model, method, args, kwargs or {})

    return run


def unique() -> str:
    return f"tx {uuid.uuid4().hex[:10]}"


def test_a_failing_method_leaves_no_write_behind(execute):
    name = unique()
    thing_id = execute("test.rpc.thing", "create", [{"name": name}])
    with pytest.raises(xmlrpc.client.Fault, match="refusing after renaming") as caught:
        execute("test.rpc.thing", "rename_then_fail", [[thing_id], "renamed"])
    assert caught.value.faultCode == 2
    assert execute("test.rpc.thing", "read", [[thing_id], ["name"]]) == [{"id": thing_id, "name": name}]


def test_a_failing_method_leaves_no_created_record_behind(execute):
    thing_id = execute("test.rpc.thing", "create", [{"name": unique()}])
    marker = unique()
    with pytest.raises(xmlrpc.client.Fault):
        execute("test.rpc.thing", "rename_then_fail", [[thing_id], marker])
    assert execute("test.rpc.thing", "search_count", [[["name", "like", marker]]]) == 0


def test_a_batch_create_failing_halfway_creates_nothing(execute):
    tag = unique()
    with pytest.raises(xmlrpc.client.Fault):
        execute("test.rpc.thing", "create", [[{"name": f"{tag} first"}, {"value": 1}]])  # the second lacks name
    assert execute("test.rpc.thing", "search_count", [[["name", "like", tag]]]) == 0


def test_a_successful_call_is_committed(execute, nexa_runtime, rpc_database):
    name = unique()
    thing_id = execute("test.rpc.thing", "create", [{"name": name}])
    with nexa_runtime.environment(rpc_database) as env:
        assert env["test.rpc.thing"].browse(thing_id).name == name


def test_failing_calls_return_every_connection(execute, nexa_runtime, rpc_database):
    thing_id = execute("test.rpc.thing", "create", [{"name": unique()}])
    failing = [("test.rpc.thing", "rename_then_fail", [[thing_id], "x"]),
               ("test.rpc.thing", "read", [[thing_id], ["no_such_field"]]),
               ("test.rpc.thing", "bump", [[thing_id], 1, 2, 3]),
               ("test.rpc.thing", "search", [[["value", "=", 1e300]]]),
               ("no.such.model", "search", [[]])]
    for model, method, args in failing:
        with pytest.raises(xmlrpc.client.Fault):
            execute(model, method, args)
    assert nexa_runtime.database(rpc_database).engine.pool.checkedout() == 0
    assert execute("test.rpc.thing", "ping", [])["echo"] == "pong"
