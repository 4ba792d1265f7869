"""A live server answers the external API with xmlrpc.client and raw JSON-RPC."""

import json
import urllib.request
import xmlrpc.client


def post_json(url, payload):
    request = urllib.request.Request(url, json.dumps(payload).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def test_xmlrpc_login_and_search_read(live_server, rpc_database):
    common = xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/common")
    assert common.version()["server_version"] == "17.0"
    uid = common.login(rpc_database, "admin", "admin")
    assert uid == 1
    models = xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/object")
    rows = models.execute_kw(rpc_database, uid, "admin", "res.partner", "search_read",
                             [[["is_company", "=", True]]], {"fields": ["name", "country_id"], "limit": 2})
    assert len(rows) == 2 and set(rows[0]) == {"id", "name", "country_id"}


def test_jsonrpc_wrong_password_returns_false(live_server, rpc_database):
    reply = post_json(f"{live_server}/jsonrpc", {"jsonrpc": "2.0", "method": "call", "id": 3, "params": {
        "service": "common", "method": "login", "args": [rpc_database, "admin", "wrong"]}})
    assert reply == {"jsonrpc": "2.0", "id": 3, "result": False}
