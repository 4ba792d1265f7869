"""odoo-client-lib (odoolib) 2.0.1 against a live server, over both its protocols (reference 9.2).

``xmlrpc`` (its default) uses the *legacy* ``/xmlrpc/<service>`` paths, whose
faults carry string codes; ``jsonrpc`` posts to ``/jsonrpc``. Every model call is
``execute_kw``; ``search_read`` is done client-side (``search`` with positional
``offset``/``limit``/``order`` then ``read``), and ``read`` of one id returns a dict.
"""

from __future__ import annotations

import uuid
import xmlrpc.client
from urllib.parse import urlparse

import odoolib
import pytest
from odoolib.tools import AuthenticationError, JsonRPCException

pytestmark = pytest.mark.addons("test_rpc_api")

PROTOCOLS = ["xmlrpc", "jsonrpc"]


def connect(live_server: str, protocol: str, database: str, password: str = "admin") -> odoolib.Connection:
    url = urlparse(live_server)
    return odoolib.get_connection(hostname=url.hostname, port=url.port, protocol=protocol, database=database,
                                  login="admin", password=password)


@pytest.fixture(params=PROTOCOLS)
def connection(request, live_server, rpc_database):
    return connect(live_server, request.param, rpc_database)


@pytest.fixture
def things(connection):
    return connection.get_model("test.rpc.thing")


def unique(prefix: str = "odoolib") -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def error_name(error: Exception) -> str:
    """The exception name a failed call reports, whichever transport carried it."""
    if isinstance(error, xmlrpc.client.Fault):  # legacy paths: "warning -- AccessError\n\n<message>"
        return str(error.faultCode).removeprefix("warning -- ").split("\n", 1)[0]
    assert isinstance(error, JsonRPCException)
    return error.error["data"]["name"].rsplit(".", 1)[-1]


def test_odoolib_lists_databases(connection, rpc_database):
    assert rpc_database in connection.get_service("db").list()


def test_odoolib_reads_the_server_version(connection):
    assert connection.get_service("db").server_version() == "17.0"
    assert connection.get_service("common").version()["server_version"] == "17.0"


def test_odoolib_logs_in_with_the_right_password(connection):
    connection.check_login()
    assert connection.user_id == 1


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_odoolib_refuses_a_wrong_password(live_server, rpc_database, protocol):
    wrong = connect(live_server, protocol, rpc_database, password="not the password")
    with pytest.raises(AuthenticationError):
        wrong.check_login()


def test_odoolib_fields_get_gives_types_and_relations(things):
    fields = things.fields_get([], ["type", "relation"])
    assert fields["partner_id"] == {"type": "many2one", "relation": "res.partner"}


def test_odoolib_creates_a_record(things):
    name = unique()
    thing_id = things.create({"name": name})
    assert things.read(thing_id, ["name"]) == {"id": thing_id, "name": name}


def test_odoolib_searches_with_a_domain(things):
    tag = unique()
    ids = [things.create({"name": f"{tag} {n}", "value": n}) for n in range(3)]
    assert things.search([("name", "like", tag), ("value", "<", 2)]) == ids[:2]


def test_odoolib_search_read_honours_fields_limit_and_order(things):
    tag = unique()
    for n in range(3):
        things.create({"name": f"{tag} {n}", "value": n})
    rows = things.search_read([("name", "like", tag)], ["value"], 0, 2, "value desc")
    assert [row["value"] for row in rows] == [2, 1]
    assert set(rows[0]) == {"id", "value"}


def test_odoolib_read_gives_many2one_as_id_and_name(connection, things):
    name = unique("partner")
    partner_id = connection.get_model("res.partner").create({"name": name})
    thing_id = things.create({"name": unique(), "partner_id": partner_id})
    assert things.read(thing_id, ["partner_id"])["partner_id"] == [partner_id, name]


def test_odoolib_read_with_classic_write_gives_a_bare_id(connection, things):
    partner_id = connection.get_model("res.partner").create({"name": unique("partner")})
    thing_id = things.create({"name": unique(), "partner_id": partner_id})
    [row] = things.read([thing_id], ["partner_id"], load="_classic_write")
    assert row["partner_id"] == partner_id


def test_odoolib_read_of_all_fields_has_the_id(things):
    thing_id = things.create({"name": unique()})
    row = things.read(thing_id, [])
    assert row["id"] == thing_id and "value" in row and "display_name" in row


def test_odoolib_writes(things):
    thing_id = things.create({"name": unique()})
    assert things.write([thing_id], {"value": 7}) is True
    assert things.read(thing_id, ["value"])["value"] == 7


def test_odoolib_name_search_finds_by_name(things):
    name = unique()
    thing_id = things.create({"name": name})
    assert things.name_search(name) == [[thing_id, name]]


def test_odoolib_search_count_counts_matches(things):
    tag = unique()
    for n in range(2):
        things.create({"name": f"{tag} {n}"})
    assert things.search_count([("name", "like", tag)]) == 2


def test_odoolib_unlinks_a_record(things):
    thing_id = things.create({"name": unique()})
    assert things.unlink([thing_id]) is True
    assert things.search([("id", "=", thing_id)]) == []


def test_odoolib_gets_the_user_context(connection):
    assert connection.get_user_context()["lang"] == "en_US"


def test_odoolib_calls_a_custom_model_method(things):
    assert things.ping("hi")["echo"] == "hi"


def test_odoolib_calls_a_custom_record_method(things):
    thing_id = things.create({"name": unique(), "value": 10})
    assert things.bump([thing_id], 2) == [12]


def test_odoolib_private_method_is_a_clean_access_error(things):
    thing_id = things.create({"name": unique()})
    with pytest.raises((xmlrpc.client.Fault, JsonRPCException)) as caught:
        things._secret([thing_id])
    assert error_name(caught.value) == "AccessError"


def test_odoolib_unknown_model_is_a_clean_user_error(connection):
    with pytest.raises((xmlrpc.client.Fault, JsonRPCException)) as caught:
        connection.get_model("no.such.model").search([])
    assert error_name(caught.value) == "UserError"
