"""The two "no library" baselines against a live server: ``xmlrpc.client`` and a raw JSON-RPC POST.

``xmlrpc.client`` talks to ``/xmlrpc/2/<service>`` (integer fault codes), as
Odoo's external API documentation shows; the raw client posts Odoo's JSON-RPC
envelope to ``/jsonrpc`` with ``urllib``. Both run the same calls (reference 9.4,
9.5), so each test runs once per transport.
"""

from __future__ import annotations

import json
import re
import urllib.request
import uuid
import xmlrpc.client
from typing import Any

import pytest

pytestmark = pytest.mark.addons("test_rpc_api")


class JsonRpcError(Exception):
    """The ``error`` member of a JSON-RPC response."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(error["data"]["message"])
        self.error = error


class XmlRpcTransport:
    name = "xmlrpc.client"

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def call(self, service: str, method: str, *args: Any) -> Any:
        return getattr(xmlrpc.client.ServerProxy(f"{self.base_url}/xmlrpc/2/{service}"), method)(*args)

    @staticmethod
    def error_name(error: Exception) -> str:
        assert isinstance(error, xmlrpc.client.Fault)
        return {4: "AccessError", 3: "AccessDenied", 2: "UserError"}.get(error.faultCode, "other")


class RawJsonTransport:
    name = "raw-json"

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def call(self, service: str, method: str, *args: Any) -> Any:
        body = {"jsonrpc": "2.0", "method": "call", "id": uuid.uuid4().hex,
                "params": {"service": service, "method": method, "args": list(args)}}
        request = urllib.request.Request(f"{self.base_url}/jsonrpc", json.dumps(body).encode(),
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            reply = json.loads(response.read())
        assert reply["id"] == body["id"]
        if "error" in reply:
            raise JsonRpcError(reply["error"])
        return reply["result"]

    @staticmethod
    def error_name(error: Exception) -> str:
        assert isinstance(error, JsonRpcError)
        return error.error["data"]["name"].rsplit(".", 1)[-1]


@pytest.fixture(params=[XmlRpcTransport, RawJsonTransport], ids=lambda kind: kind.name)
def rpc(request, live_server):
    return request.param(live_server)


@pytest.fixture
def execute(rpc, rpc_database):
    """``execute("model", "method", args, kwargs)`` as admin, the way scripts call ``execute_kw``."""
    uid = rpc.call("common", "login", rpc_database, "admin", "admin")

    def run(model: str, method: str, args: list, kwargs: dict | None = None) -> Any:
        return rpc.call("object", "execute_kw", rpc_database, uid, "admin", model, method, args, kwargs or {})

    return run


def unique(prefix: str = "baseline") -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def test_version_is_odoo_17(rpc):
    info = rpc.call("common", "version")
    assert info["server_version"] == "17.0"
    assert info["server_version_info"] == [17, 0, 0, "final", 0, ""]


def test_lists_databases(rpc, rpc_database):
    assert rpc_database in rpc.call("db", "list")


def test_login_with_the_right_password_gives_the_uid(rpc, rpc_database):
    assert rpc.call("common", "login", rpc_database, "admin", "admin") == 1
    assert rpc.call("common", "authenticate", rpc_database, "admin", "admin", {}) == 1


def test_login_with_a_wrong_password_gives_false(rpc, rpc_database):
    assert rpc.call("common", "login", rpc_database, "admin", "not the password") is False


def test_execute_kw_with_a_wrong_password_is_access_denied(rpc, rpc_database):
    with pytest.raises((xmlrpc.client.Fault, JsonRpcError)) as caught:
        rpc.call("object", "execute_kw", rpc_database, 1, "not the password", "res.partner", "search", [[]])
    assert rpc.error_name(caught.value) == "AccessDenied"


def test_fields_get_with_attributes(execute):
    fields = execute("test.rpc.thing", "fields_get", [], {"attributes": ["string", "type", "relation"]})
    assert fields["partner_id"] == {"string": "Partner", "type": "many2one", "relation": "res.partner"}
    assert fields["id"]["type"] == "integer"


def test_create_of_a_dict_gives_an_id_and_of_a_list_gives_ids(execute):
    single = execute("test.rpc.thing", "create", [{"name": unique()}])
    several = execute("test.rpc.thing", "create", [[{"name": unique()}, {"name": unique()}]])
    assert isinstance(single, int)
    assert len(several) == 2 and all(isinstance(thing_id, int) for thing_id in several)


def test_search_with_a_domain(execute):
    tag = unique()
    ids = [execute("test.rpc.thing", "create", [{"name": f"{tag} {n}", "value": n}]) for n in range(4)]
    domain = ["&", ["name", "like", tag], "|", ["value", "=", 0], ["value", ">", 2]]
    assert execute("test.rpc.thing", "search", [domain]) == [ids[0], ids[3]]


def test_search_read_honours_fields_limit_offset_and_order(execute):
    tag = unique()
    for n in range(4):
        execute("test.rpc.thing", "create", [{"name": f"{tag} {n}", "value": n}])
    rows = execute("test.rpc.thing", "search_read", [[["name", "like", tag]]],
                   {"fields": ["value"], "limit": 2, "offset": 1, "order": "value desc"})
    assert rows == [{"id": rows[0]["id"], "value": 2}, {"id": rows[1]["id"], "value": 1}]


def test_read_gives_many2one_as_id_and_name(execute):
    name = unique("partner")
    partner_id = execute("res.partner", "create", [{"name": name}])
    thing_id = execute("test.rpc.thing", "create", [{"name": unique(), "partner_id": partner_id}])
    assert execute("test.rpc.thing", "read", [[thing_id], ["partner_id"]]) == [
        {"id": thing_id, "partner_id": [partner_id, name]}]


def test_read_with_classic_write_gives_a_bare_id(execute):
    partner_id = execute("res.partner", "create", [{"name": unique("partner")}])
    thing_id = execute("test.rpc.thing", "create", [{"name": unique(), "partner_id": partner_id}])
    rows = execute("test.rpc.thing", "read", [[thing_id], ["partner_id"]], {"load": "_classic_write"})
    assert rows == [{"id": thing_id, "partner_id": partner_id}]


def test_read_of_a_deleted_id_gives_nothing(execute):
    thing_id = execute("test.rpc.thing", "create", [{"name": unique()}])
    execute("test.rpc.thing", "unlink", [[thing_id]])
    assert execute("test.rpc.thing", "read", [[thing_id], ["name"]]) == []


def test_write_returns_true(execute):
    thing_id = execute("test.rpc.thing", "create", [{"name": unique()}])
    assert execute("test.rpc.thing", "write", [[thing_id], {"value": 5}]) is True
    assert execute("test.rpc.thing", "read", [[thing_id], ["value"]])[0]["value"] == 5


def test_name_search_gives_id_name_pairs(execute):
    name = unique()
    thing_id = execute("test.rpc.thing", "create", [{"name": name}])
    assert execute("test.rpc.thing", "name_search", [name]) == [[thing_id, name]]


def test_search_count(execute):
    tag = unique()
    for n in range(3):
        execute("test.rpc.thing", "create", [{"name": f"{tag} {n}"}])
    assert execute("test.rpc.thing", "search_count", [[["name", "like", tag]]]) == 3


def test_unlink_removes_the_record(execute):
    thing_id = execute("test.rpc.thing", "create", [{"name": unique()}])
    assert execute("test.rpc.thing", "unlink", [[thing_id]]) is True
    assert execute("test.rpc.thing", "search", [[["id", "=", thing_id]]]) == []


def test_custom_model_method(execute):
    assert execute("test.rpc.thing", "ping", [], {"text": "hey"})["echo"] == "hey"


def test_custom_record_method_takes_the_ids_first(execute):
    thing_id = execute("test.rpc.thing", "create", [{"name": unique(), "value": 2}])
    assert execute("test.rpc.thing", "bump", [[thing_id], 10]) == [12]


@pytest.mark.parametrize("method", ["_secret", "hidden", "init", "sudo", "with_user"])
def test_private_methods_are_access_errors(rpc, execute, method):
    thing_id = execute("test.rpc.thing", "create", [{"name": unique()}])
    with pytest.raises((xmlrpc.client.Fault, JsonRpcError)) as caught:
        execute("test.rpc.thing", method, [[thing_id]])
    assert rpc.error_name(caught.value) == "AccessError"


def test_unknown_model_is_a_user_error(rpc, execute):
    with pytest.raises((xmlrpc.client.Fault, JsonRpcError)) as caught:
        execute("no.such.model", "search", [[]])
    assert rpc.error_name(caught.value) == "UserError"
    assert "Object no.such.model doesn't exist" in str(caught.value)


def test_unknown_method_names_model_and_method(rpc, execute):
    with pytest.raises((xmlrpc.client.Fault, JsonRpcError),
                       match=re.escape("The method 'frobnicate' does not exist on the model 'test.rpc.thing'")):
        execute("test.rpc.thing", "frobnicate", [[]])
