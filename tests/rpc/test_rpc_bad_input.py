"""Bad input gets a clean answer: HTTP 400/404/405/413 text, a JSON-RPC error object or an XML-RPC fault.

Never an HTML page, never a traceback (the server runs without ``dev_mode``),
never a 500 (reference 2.3, 4.1, G4). Transport problems (not JSON, wrong
content type, body too large) are refused before any route runs; everything
that reaches a service is an error object (HTTP 200) or a fault (HTTP 200).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import xmlrpc.client
from typing import Any

import pytest

from nexa.runtime import Runtime
from nexa.testing.server import running_server

pytestmark = pytest.mark.addons("test_rpc_api")  # share the database of the other live tests


def post(url: str, body: bytes, content_type: str = "application/json") -> tuple[int, str, bytes]:
    """``(status, content type, body)`` of a POST, whatever the status."""
    request = urllib.request.Request(url, body, {"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def call(live_server: str, service: Any, method: Any, args: Any) -> dict[str, Any]:
    """The ``error`` member of a ``/jsonrpc`` reply (the test fails if the call succeeded)."""
    body = {"jsonrpc": "2.0", "method": "call", "id": 9, "params": {"service": service, "method": method, "args": args}}
    status, content_type, raw = post(f"{live_server}/jsonrpc", json.dumps(body).encode())
    assert (status, content_type) == (200, "application/json")
    reply = json.loads(raw)
    assert reply["id"] == 9 and "result" not in reply
    assert reply["error"]["data"]["debug"] == ""  # no traceback outside dev mode
    return reply["error"]


# -- transport level ------------------------------------------------------------------------
def test_malformed_json_is_a_400_text(live_server):
    assert post(f"{live_server}/jsonrpc", b'{"params": ') == (400, "text/plain; charset=utf-8", b"Invalid JSON data")


@pytest.mark.parametrize("body", [b"[1, 2]", b'"call"', b'{"params": [1, 2]}'])
def test_a_body_that_is_not_a_json_rpc_object_is_a_400_text(live_server, body):
    assert post(f"{live_server}/jsonrpc", body)[::2] == (400, b"Invalid JSON-RPC data")


def test_a_json_route_without_the_json_content_type_is_a_400_text(live_server):
    status, content_type, body = post(f"{live_server}/jsonrpc", b"{}", "application/x-www-form-urlencoded")
    assert (status, content_type) == (400, "text/plain; charset=utf-8")
    assert b"is type='json'" in body


def test_an_unknown_path_is_a_404_text(live_server):
    status, content_type, _body = post(f"{live_server}/no/such/path", b"{}")
    assert (status, content_type) == (404, "text/plain; charset=utf-8")


def test_get_on_an_rpc_endpoint_is_a_405(live_server):
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{live_server}/xmlrpc/2/common")
    assert caught.value.code == 405


@pytest.fixture(scope="module")
def small_server(nexa_runtime):
    """A server accepting request bodies of at most 1 KiB (config max_request_size)."""
    runtime = Runtime(nexa_runtime.config.replace(max_request_size=1024))
    try:
        with running_server(runtime) as url:
            yield url
    finally:
        runtime.close()


@pytest.mark.parametrize("path", ["/jsonrpc", "/xmlrpc/2/common", "/web/session/authenticate"])
def test_a_body_over_max_request_size_is_a_413(small_server, path):
    status, content_type, _body = post(small_server + path, b"x" * 4096)
    assert (status, content_type) == (413, "text/plain; charset=utf-8")


def test_a_body_under_max_request_size_is_served(small_server):
    assert xmlrpc.client.ServerProxy(f"{small_server}/xmlrpc/2/common").version()["server_version"] == "17.0"


# -- JSON-RPC errors ------------------------------------------------------------------------
def test_missing_service_and_method_are_a_type_error(live_server):
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"args": []}}).encode()
    reply = json.loads(post(f"{live_server}/jsonrpc", body)[2])
    assert reply["error"]["data"]["name"] == "builtins.TypeError"
    assert "service" in reply["error"]["data"]["message"]


def test_an_unknown_service_is_named(live_server):
    error = call(live_server, "reports", "render", [])
    assert error["data"]["message"] == "Unknown service 'reports': use one of common, object, db"


@pytest.mark.parametrize("service, method", [("common", "frobnicate"), ("db", "frobnicate"),
                                             ("object", "frobnicate")])
def test_an_unknown_service_method_is_named(live_server, service, method):
    assert "frobnicate" in call(live_server, service, method, [])["data"]["message"]


@pytest.mark.parametrize("args", ["db admin admin", {"db": "x"}, 5])
def test_args_that_are_not_a_list_are_refused(live_server, args):
    error = call(live_server, "db", "db_exist", args)
    assert error["data"]["name"] == "odoo.exceptions.ValidationError"
    assert "must be a list" in error["data"]["message"]


def test_too_few_arguments_name_the_missing_one(live_server):
    error = call(live_server, "common", "login", ["only_a_database"])
    assert error["data"]["message"] == "common.login: missing a required argument: 'login'"


def test_too_many_arguments_for_a_model_method_are_a_type_error(live_server, rpc_database):
    error = call(live_server, "object", "execute_kw",
                 [rpc_database, 1, "admin", "res.partner", "read", [[1], ["name"], "x", "y", "z"]])
    assert error["data"]["name"] == "builtins.TypeError"


def test_kwargs_that_are_not_a_dict_are_refused(live_server, rpc_database):
    error = call(live_server, "object", "execute_kw",
                 [rpc_database, 1, "admin", "res.partner", "search", [[]], [["limit", 1]]])
    assert "kwargs" in error["data"]["message"] and "must be a dict" in error["data"]["message"]


def test_a_context_that_is_not_a_dict_is_refused(live_server, rpc_database):
    error = call(live_server, "object", "execute_kw",
                 [rpc_database, 1, "admin", "res.partner", "search", [[]], {"context": ["lang", "fr_FR"]}])
    assert error["data"]["message"].startswith("The context must be a dict")


@pytest.mark.parametrize("database, message", [
    ("no_such_database", "Database 'no_such_database' does not exist"),
    ("../../etc/passwd", "Invalid database name '../../etc/passwd'"),
])
def test_a_non_existent_database_is_a_clean_error_for_login(live_server, database, message):
    assert message in call(live_server, "common", "login", [database, "admin", "admin"])["data"]["message"]


def test_a_non_existent_database_is_a_clean_error_for_calls(live_server):
    error = call(live_server, "object", "execute_kw", ["no_such_database", 1, "admin", "res.partner", "search", [[]]])
    assert "Database 'no_such_database' does not exist" in error["data"]["message"]


def test_a_malformed_domain_is_a_validation_error(live_server, rpc_database):
    error = call(live_server, "object", "execute_kw",
                 [rpc_database, 1, "admin", "res.partner", "search", [[["no_such_field", "=", 1]]]])
    assert error["data"]["name"] == "odoo.exceptions.ValidationError"
    assert "no_such_field" in error["data"]["message"]


# -- XML-RPC faults -------------------------------------------------------------------------
def test_malformed_xml_is_a_fault_with_http_200(live_server):
    status, content_type, body = post(f"{live_server}/xmlrpc/2/common", b"<methodCall><methodName>", "text/xml")
    assert (status, content_type) == (200, "text/xml; charset=utf-8")
    with pytest.raises(xmlrpc.client.Fault) as caught:
        xmlrpc.client.loads(body)
    assert caught.value.faultCode == 1 and "Malformed XML-RPC request" in caught.value.faultString


def test_an_unknown_xmlrpc_service_is_a_fault(live_server):
    with pytest.raises(xmlrpc.client.Fault, match="Unknown service 'reports'"):
        xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/reports").render()


def test_an_unknown_database_over_legacy_xmlrpc_is_a_string_fault(live_server):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/object").execute_kw(
            "no_such_database", 1, "admin", "res.partner", "search", [[]])
    assert isinstance(caught.value.faultCode, str) and "no_such_database" in caught.value.faultCode


def test_wrong_argument_count_over_xmlrpc_is_a_fault(live_server):
    with pytest.raises(xmlrpc.client.Fault, match=re.escape("common.version: too many positional arguments")):
        xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/common").version("unexpected")
