"""The ``db`` service: listing is open, management needs the master password (reference 3.2).

The test runtime keeps the default master password ``admin`` (config
``admin_passwd``); a wrong one is ``AccessDenied`` (fault 3) and changes nothing.
"""

from __future__ import annotations

import json
import os
import urllib.request
import uuid
import xmlrpc.client

import pytest

from nexa.runtime import Runtime
from nexa.testing.server import running_server

pytestmark = pytest.mark.addons("test_rpc_api")  # share the database of the other live tests

MASTER = "admin"


@pytest.fixture
def db_service(live_server):
    return xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/db")


@pytest.fixture
def new_name(nexa_runtime):
    """A database name no test uses; whatever a test created under it is dropped afterwards."""
    name = f"nexa_test_{os.getpid()}_rpc_{uuid.uuid4().hex[:8]}"
    yield name
    nexa_runtime.forget(name)
    if nexa_runtime.server.exists(name):
        nexa_runtime.server.drop(name)


def test_server_version_is_odoo_17(db_service):
    assert db_service.server_version() == "17.0"


def test_list_is_sorted_and_holds_the_database(db_service, rpc_database):
    names = db_service.list()
    assert rpc_database in names and names == sorted(names)


def test_db_exist_tells_existing_from_missing(db_service, rpc_database):
    assert db_service.db_exist(rpc_database) is True
    assert db_service.db_exist("no_such_database") is False


def test_db_exist_of_an_impossible_name_is_false(db_service):
    assert db_service.db_exist("../../etc/passwd") is False


def test_create_database_then_drop_with_the_master_password(live_server, db_service, new_name):
    assert db_service.create_database(MASTER, new_name, False, "en_US", "s3cret", "boss") is True
    assert db_service.db_exist(new_name) is True
    common = xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/common")
    assert common.login(new_name, "boss", "s3cret") == 1
    assert db_service.drop(MASTER, new_name) is True
    assert db_service.db_exist(new_name) is False


def test_create_database_with_a_wrong_master_password_is_access_denied(db_service, new_name):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        db_service.create_database("not the master password", new_name, False)
    assert caught.value.faultCode == 3
    assert db_service.db_exist(new_name) is False


def test_drop_with_a_wrong_master_password_is_access_denied(db_service, rpc_database):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        db_service.drop("not the master password", rpc_database)
    assert caught.value.faultCode == 3
    assert db_service.db_exist(rpc_database) is True


def test_drop_of_a_missing_database_is_false(db_service):
    assert db_service.drop(MASTER, "no_such_database") is False


def test_wrong_master_password_over_json_rpc_is_access_denied(live_server, rpc_database):
    body = {"jsonrpc": "2.0", "method": "call", "id": 1,
            "params": {"service": "db", "method": "drop", "args": ["not the master password", rpc_database]}}
    request = urllib.request.Request(f"{live_server}/jsonrpc", json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        reply = json.loads(response.read())
    assert reply["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"


def test_dump_is_refused_with_a_clear_user_error(db_service, rpc_database):
    with pytest.raises(xmlrpc.client.Fault, match="Not supported by Nexa over RPC") as caught:
        db_service.dump(MASTER, rpc_database, "zip")
    assert caught.value.faultCode == 2


def test_listing_disabled_refuses_list_and_management(nexa_runtime, rpc_database, new_name):
    runtime = Runtime(nexa_runtime.config.replace(list_db=False))
    try:
        with running_server(runtime) as url:
            closed = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/db")
            for call in (closed.list, lambda: closed.create_database(MASTER, new_name, False)):
                with pytest.raises(xmlrpc.client.Fault) as caught:
                    call()
                assert caught.value.faultCode == 3
            assert closed.db_exist(rpc_database) is True
    finally:
        runtime.close()
