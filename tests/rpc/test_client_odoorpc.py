"""odoorpc 0.10.1 against a live server: its JSON-RPC flow works unchanged (reference 9.1).

odoorpc first asks ``/web/webclient/version_info``, logs in with ``common.login``,
fetches ``res.users.context_get``, then calls ``object.execute[_kw]`` with a
``context`` (holding its own ``uid``) on every call, and reads records with
``load='_classic_write'``.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlparse

import odoorpc
import pytest

pytestmark = pytest.mark.addons("test_rpc_api")


def connect(live_server: str) -> odoorpc.ODOO:
    url = urlparse(live_server)
    return odoorpc.ODOO(url.hostname, port=url.port)


@pytest.fixture
def odoo(live_server, rpc_database):
    client = connect(live_server)
    client.login(rpc_database, "admin", "admin")
    return client


def unique(prefix: str = "odoorpc") -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def test_odoorpc_connects_and_sees_odoo_17(live_server):
    assert connect(live_server).version == "17.0"


def test_odoorpc_lists_databases(live_server, rpc_database):
    assert rpc_database in connect(live_server).db.list()


def test_odoorpc_logs_in_with_the_right_password(odoo):
    assert odoo.env.uid == 1
    assert odoo.env.user.login == "admin"


def test_odoorpc_refuses_a_wrong_password(live_server, rpc_database):
    with pytest.raises(odoorpc.error.RPCError, match="Wrong login ID or password"):
        connect(live_server).login(rpc_database, "admin", "not the password")


def test_odoorpc_fields_get_gives_types_and_relations(odoo):
    fields = odoo.env["test.rpc.thing"].fields_get()
    assert fields["name"]["type"] == "char"
    assert fields["partner_id"]["type"] == "many2one"
    assert fields["partner_id"]["relation"] == "res.partner"


def test_odoorpc_creates_a_record(odoo):
    name = unique()
    thing_id = odoo.env["test.rpc.thing"].create({"name": name, "value": 3})
    assert isinstance(thing_id, int)
    assert odoo.env["test.rpc.thing"].browse(thing_id).name == name


def test_odoorpc_searches_with_a_domain(odoo):
    things = odoo.env["test.rpc.thing"]
    tag = unique()
    ids = [things.create({"name": f"{tag} {n}", "value": n}) for n in range(3)]
    assert things.search([("name", "like", tag), ("value", ">=", 1)]) == ids[1:]


def test_odoorpc_search_read_honours_fields_limit_and_order(odoo):
    things = odoo.env["test.rpc.thing"]
    tag = unique()
    for n in range(3):
        things.create({"name": f"{tag} {n}", "value": n})
    rows = things.search_read([("name", "like", tag)], ["value"], limit=2, order="value desc")
    assert [row["value"] for row in rows] == [2, 1]
    assert set(rows[0]) == {"id", "value"}


def test_odoorpc_read_gives_many2one_as_id_and_name(odoo):
    partner_id = odoo.env["res.partner"].create({"name": unique("partner")})
    thing_id = odoo.env["test.rpc.thing"].create({"name": unique(), "partner_id": partner_id})
    [row] = odoo.execute("test.rpc.thing", "read", [thing_id], ["partner_id"])
    assert row["partner_id"] == [partner_id, odoo.env["res.partner"].browse(partner_id).name]


def test_odoorpc_browse_reads_many2one_as_a_bare_id(odoo):
    partner_id = odoo.env["res.partner"].create({"name": unique("partner")})
    thing_id = odoo.env["test.rpc.thing"].create({"name": unique(), "partner_id": partner_id})
    [row] = odoo.execute_kw("test.rpc.thing", "read", [[thing_id], ["partner_id"]], {"load": "_classic_write"})
    assert row["partner_id"] == partner_id
    assert odoo.env["test.rpc.thing"].browse(thing_id).partner_id.id == partner_id


def test_odoorpc_writes_by_assigning_an_attribute(odoo):
    thing = odoo.env["test.rpc.thing"].browse(odoo.env["test.rpc.thing"].create({"name": unique()}))
    thing.value = 42
    assert odoo.env["test.rpc.thing"].read([thing.id], ["value"])[0]["value"] == 42


def test_odoorpc_name_search_finds_by_name(odoo):
    name = unique()
    thing_id = odoo.env["test.rpc.thing"].create({"name": name})
    assert odoo.env["test.rpc.thing"].name_search(name) == [[thing_id, name]]


def test_odoorpc_search_count_counts_matches(odoo):
    tag = unique()
    for n in range(4):
        odoo.env["test.rpc.thing"].create({"name": f"{tag} {n}"})
    assert odoo.env["test.rpc.thing"].search_count([("name", "like", tag)]) == 4


def test_odoorpc_unlinks_a_record(odoo):
    things = odoo.env["test.rpc.thing"]
    thing_id = things.create({"name": unique()})
    things.browse(thing_id).unlink()
    assert things.search([("id", "=", thing_id)]) == []


def test_odoorpc_calls_a_custom_model_method(odoo):
    assert odoo.env["test.rpc.thing"].ping("hello")["echo"] == "hello"


def test_odoorpc_calls_a_custom_record_method(odoo):
    thing = odoo.env["test.rpc.thing"].browse(odoo.env["test.rpc.thing"].create({"name": unique(), "value": 1}))
    assert thing.bump(5) == [6]


def test_odoorpc_private_method_is_a_clean_access_error(odoo):
    thing_id = odoo.env["test.rpc.thing"].create({"name": unique()})
    with pytest.raises(odoorpc.error.RPCError) as caught:
        odoo.execute("test.rpc.thing", "_secret", [thing_id])
    assert caught.value.info["data"]["name"] == "odoo.exceptions.AccessError"


def test_odoorpc_unknown_model_is_a_clean_user_error(odoo):
    with pytest.raises(odoorpc.error.RPCError, match=re.escape("Object no.such.model doesn't exist")) as caught:
        odoo.execute("no.such.model", "search", [])
    assert caught.value.info["data"]["name"] == "odoo.exceptions.UserError"


def test_odoorpc_knows_which_models_exist(odoo):
    assert "test.rpc.thing" in odoo.env
    assert "no.such.model" not in odoo.env


def test_odoorpc_resolves_external_ids(odoo):
    assert odoo.env.ref("base.main_company")._name == "res.company"


def test_odoorpc_raw_json_reaches_the_session_routes(odoo, rpc_database):
    info = odoo.json("/web/session/authenticate", {"db": rpc_database, "login": "admin", "password": "admin"})
    assert info["result"]["uid"] == 1
    reply = odoo.json("/web/dataset/call_kw", {"model": "test.rpc.thing", "method": "ping", "args": ["via cookie"],
                                               "kwargs": {}})
    assert reply["result"]["echo"] == "via cookie"
