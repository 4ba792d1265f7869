"""erppeek 1.7.2 against a live server, through its three URL styles (reference 9.3).

A bare ``http://host:port`` uses the legacy ``/xmlrpc/<service>`` paths (string
fault codes), ``.../xmlrpc/2`` the modern ones (integer codes), ``.../jsonrpc``
JSON-RPC. erppeek calls ``db.server_version`` then ``db.list`` before logging in,
uses positional ``object.execute`` only, checks ``fields_get_keys`` on every
record attribute access (G7), prints records with ``name_get`` (G20) and, once
``client.context`` is set, appends that context as the last positional argument
(G6: Nexa extensions, Odoo 17 itself fails on these shapes).
"""

from __future__ import annotations

import re
import uuid
import xmlrpc.client

import erppeek
import pytest

pytestmark = pytest.mark.addons("test_rpc_api")

URL_STYLES = {"legacy": "", "xmlrpc2": "/xmlrpc/2", "jsonrpc": "/jsonrpc"}


@pytest.fixture(params=list(URL_STYLES))
def server_url(request, live_server):
    return live_server + URL_STYLES[request.param]


@pytest.fixture
def client(server_url, rpc_database):
    return erppeek.Client(server_url, rpc_database, "admin", "admin", verbose=False)


@pytest.fixture
def things(client):
    return client.model("test.rpc.thing")


def unique(prefix: str = "erppeek") -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def error_name(error: Exception) -> str:
    """The exception name a failed call reports, whichever URL style carried it."""
    if isinstance(error, xmlrpc.client.Fault):
        if isinstance(error.faultCode, int):  # /xmlrpc/2: 4 access error, 2 user error, 1 other
            return {4: "AccessError", 3: "AccessDenied", 2: "UserError"}.get(error.faultCode, "other")
        return str(error.faultCode).removeprefix("warning -- ").split("\n", 1)[0]
    assert isinstance(error, erppeek.ServerError)
    return error.args[0]["data"]["name"].rsplit(".", 1)[-1]


def test_erppeek_lists_databases(client, rpc_database):
    assert rpc_database in client.db.list()


def test_erppeek_reads_the_server_version(client):
    assert client.db.server_version() == "17.0"


def test_erppeek_logs_in_with_the_right_password(client):
    assert client.user == "admin"
    assert client.execute("res.users", "context_get")["lang"] == "en_US"


@pytest.mark.parametrize("style", list(URL_STYLES))
def test_erppeek_refuses_a_wrong_password(live_server, rpc_database, style):
    with pytest.raises(erppeek.Error, match="Invalid username or password"):
        erppeek.Client(live_server + URL_STYLES[style], rpc_database, "admin", "not the password", verbose=False)


def test_erppeek_fields_get_gives_types_and_relations(things):
    fields = things.fields()
    assert fields["partner_id"]["type"] == "many2one"
    assert fields["partner_id"]["relation"] == "res.partner"


def test_erppeek_keys_list_the_fields(things):
    assert {"name", "value", "partner_id", "id"} <= set(things.keys())


def test_erppeek_creates_a_record(things):
    name = unique()
    record = things.create({"name": name, "value": 2})
    assert isinstance(record, erppeek.Record) and record.id > 0
    assert record.value == 2


def test_erppeek_searches_with_a_domain(client, things):
    tag = unique()
    ids = [things.create({"name": f"{tag} {n}", "value": n}).id for n in range(3)]
    assert client.search("test.rpc.thing", [("name", "like", tag), ("value", "!=", 1)]) == [ids[0], ids[2]]


def test_erppeek_search_read_honours_fields_limit_and_order(client, things):
    tag = unique()
    for n in range(3):
        things.create({"name": f"{tag} {n}", "value": n})
    rows = client.execute("test.rpc.thing", "search_read", [("name", "like", tag)], ["value"], 0, 2, "value desc")
    assert [(set(row), row["value"]) for row in rows] == [({"id", "value"}, 2), ({"id", "value"}, 1)]


def test_erppeek_read_gives_many2one_as_id_and_name(client, things):
    partner = client.model("res.partner").create({"name": unique("partner")})
    thing = things.create({"name": unique(), "partner_id": partner.id})
    [row] = client.execute("test.rpc.thing", "read", [thing.id], ["partner_id"])
    assert row["partner_id"] == [partner.id, partner.name]


def test_erppeek_read_with_classic_write_gives_a_bare_id(client, things):
    partner = client.model("res.partner").create({"name": unique("partner")})
    thing = things.create({"name": unique(), "partner_id": partner.id})
    [row] = client.execute_kw("test.rpc.thing", "read", [[thing.id], ["partner_id"]], {"load": "_classic_write"})
    assert row["partner_id"] == partner.id


def test_erppeek_record_attributes_follow_relations(client, things):
    name = unique("partner")
    partner = client.model("res.partner").create({"name": name})
    thing = things.create({"name": unique(), "partner_id": partner.id})
    assert thing.partner_id.id == partner.id
    assert thing.partner_id.name == name


def test_erppeek_str_of_a_record_is_its_name(things):
    name = unique()
    assert str(things.create({"name": name})) == name


def test_erppeek_writes(things):
    record = things.create({"name": unique()})
    record.write({"value": 11})
    record.name = renamed = unique()
    assert (record.value, record.name) == (11, renamed)


def test_erppeek_name_search_finds_by_name(things):
    name = unique()
    record = things.create({"name": name})
    assert things.name_search(name) == [[record.id, name]]


def test_erppeek_search_count_counts_matches(client, things):
    tag = unique()
    for n in range(3):
        things.create({"name": f"{tag} {n}"})
    assert client.count("test.rpc.thing", [("name", "like", tag)]) == 3


def test_erppeek_unlinks_a_record(client, things):
    record = things.create({"name": unique()})
    assert record.unlink() is True
    assert client.search("test.rpc.thing", [("id", "=", record.id)]) == []


def test_erppeek_calls_a_custom_model_method(things):
    assert things.ping("yo")["echo"] == "yo"


def test_erppeek_calls_a_custom_record_method(things):
    record = things.create({"name": unique(), "value": 1})
    assert record.bump(3) == 4


def test_erppeek_context_is_sent_positionally_and_honoured(client, things):
    record = things.create({"name": unique(), "active": False})
    assert things.browse([("id", "=", record.id)]).id == []
    client.context = {"active_test": False}
    # browse sends search(domain, 0, None, None, False, context): the old count slot, then the context
    assert things.browse([("id", "=", record.id)]).id == [record.id]
    assert things.browse([("id", "=", record.id)], limit=1, order="name desc").id == [record.id]
    assert things.browse([record.id]).name == [record.name]  # read(ids, fields, context)


def test_erppeek_context_reaches_custom_methods(client, things):
    client.context = {"lang": "fr_FR", "tz": "Europe/Brussels"}
    me = things.whoami()
    assert (me["lang"], me["tz"]) == ("fr_FR", "Europe/Brussels")


def test_erppeek_private_method_is_a_clean_access_error(client, things):
    record = things.create({"name": unique()})
    with pytest.raises((xmlrpc.client.Fault, erppeek.ServerError)) as caught:
        client.execute("test.rpc.thing", "_secret", [record.id])
    assert error_name(caught.value) == "AccessError"


def test_erppeek_unknown_model_is_a_clean_user_error(client):
    with pytest.raises((xmlrpc.client.Fault, erppeek.ServerError)) as caught:
        client.execute("no.such.model", "search", [])
    assert error_name(caught.value) == "UserError"


def test_erppeek_model_lookup_of_an_unknown_model_fails_client_side(client):
    with pytest.raises(erppeek.Error, match=re.escape("Model not found: no.such.model")):
        client.model("no.such.model")
