"""Fuzzing the real ``/jsonrpc`` endpoint with random domains, values and arguments (hypothesis).

Whatever a client sends, the server answers with a result or a client error
(``odoo.exceptions.*`` or a Python argument error), never an internal error, a
database error or an HTTP 500, and logs no traceback; and text reaches SQL only
as bound values: quotes, ``%``, ``_`` and backslashes match themselves.

Random integers stay within 32 bits and paging arguments are not negative:
beyond that, record ids (``browse``), ids compared with x2many fields and
``limit``/``offset`` still reach the database unchecked (PostgreSQL refuses
them with a database error); those checks belong to ``recordset.py``,
``query.py`` and ``search.py``. The values this suite's code does check (64-bit
wire integers, integer columns, NUL characters, links to missing records) are
tested one by one below.
"""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rpc_world import RpcError, post_json

from nexa.orm.fields.base import OPERATORS

pytestmark = pytest.mark.addons("test_security")

DOC = "test.security.doc"
FIELDS = ["name", "amount", "state", "owner_id", "company_id", "partner_id", "category_id", "line_ids", "tag_ids",
          "price", "account_id", "secret_note", "display_name", "id", "create_date", "line_ids.name",
          "owner_id.login", "partner_id.country_id.code", "tag_ids.private", "account_id.name"]
TRICKY = ["'", "''", '"', "%", "_", "\\", "\\%", "'; DROP TABLE res_users; --", "' OR 1=1 --", "%' OR '1'='1",
          "é", "🙂", "a\x00b", "\n", "", " ", "null", "None", "[]", "1e309", "-0", "2024-13-45", "99999999999999999999"]
#: Error names a client may legitimately get back.
CLIENT_ERROR_PREFIXES = ("odoo.exceptions.", "nexa.exceptions.", "builtins.ValueError", "builtins.TypeError",
                         "builtins.KeyError", "builtins.AttributeError", "builtins.LookupError")

INT32 = st.integers(min_value=-(2 ** 31), max_value=2 ** 31 - 1)
scalars = (st.none() | st.booleans() | INT32
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12) | st.sampled_from(TRICKY))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                         max_size=2), max_leaves=6)
leaves = st.tuples(st.sampled_from(FIELDS) | st.text(max_size=10),
                   st.sampled_from(OPERATORS) | st.text(max_size=6), values).map(list)
terms = leaves | st.sampled_from(["&", "|", "!"]) | scalars
domains = st.lists(terms, max_size=5) | values


class ErrorLog(logging.Handler):
    """Keeps the ERROR records the server logs (tracebacks of internal errors)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def error_log():
    handler = ErrorLog()
    logger = logging.getLogger("nexa")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def call(world, method: str, args: list, kwargs: dict | None = None) -> dict:
    """One ``execute_kw`` as alice; the raw JSON-RPC answer (asserting the HTTP layer held)."""
    status, payload, _headers = post_json(f"{world.url}/jsonrpc", {
        "service": "object", "method": "execute_kw",
        "args": [world.db, world.users["alice"], "Secret pass 1", DOC, method, args, kwargs or {}]})
    assert status == 200, payload
    assert ("result" in payload) != ("error" in payload)
    return payload


def assert_client_error_at_most(payload: dict, error_log: ErrorLog) -> None:
    if "error" in payload:
        name = payload["error"]["data"]["name"]
        assert name.startswith(CLIENT_ERROR_PREFIXES), payload["error"]["data"]
    assert not error_log.records, [record.getMessage() for record in error_log.records]


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(domain=domains)
def test_search_read_with_any_domain_is_a_result_or_a_client_error(world, error_log, domain):
    assert_client_error_at_most(call(world, "search_read", [domain, ["name", "amount"]]), error_log)


@FUZZ
@given(domain=domains, limit=st.none() | st.booleans() | st.integers(0, 2 ** 31 - 1) | st.text(max_size=5),
       offset=st.none() | st.booleans() | st.integers(0, 2 ** 31 - 1) | st.text(max_size=5),
       order=st.text(max_size=20) | st.sampled_from(FIELDS))
def test_search_with_any_paging_is_a_result_or_a_client_error(world, error_log, domain, limit, offset, order):
    payload = call(world, "search", [domain], {"limit": limit, "offset": offset, "order": order})
    assert_client_error_at_most(payload, error_log)


@FUZZ
@given(domain=domains, groupby=st.lists(st.sampled_from([*FIELDS, "create_date:month", "bogus:day"])
                                        | st.text(max_size=8), max_size=2),
       aggregates=st.lists(st.sampled_from(["amount:sum", "amount:avg", "id:count", "name", "x:y"])
                           | st.text(max_size=8), max_size=2))
def test_read_group_with_any_arguments_is_a_result_or_a_client_error(world, error_log, domain, groupby, aggregates):
    assert_client_error_at_most(call(world, "read_group", [domain, aggregates, groupby]), error_log)


@FUZZ
@given(name=values, operator=st.sampled_from(OPERATORS) | st.text(max_size=6), domain=domains)
def test_name_search_with_any_arguments_is_a_result_or_a_client_error(world, error_log, name, operator, domain):
    payload = call(world, "name_search", [], {"name": name, "operator": operator, "args": domain})
    assert_client_error_at_most(payload, error_log)


@FUZZ
@given(values_=st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), values, max_size=3))
def test_write_with_any_values_is_a_result_or_a_client_error(world, error_log, values_):
    assert_client_error_at_most(call(world, "write", [[world.records["alice_doc"]], values_]), error_log)


@FUZZ
@given(args=st.lists(values, max_size=4), kwargs=st.dictionaries(st.text(max_size=8), values, max_size=3),
       method=st.sampled_from(["read", "search_count", "fields_get", "default_get", "export_data", "copy", "create",
                               "unlink", "name_create", "get_views", "onchange"]))
def test_any_arguments_to_public_methods_are_a_result_or_a_client_error(world, error_log, args, kwargs, method):
    assert_client_error_at_most(call(world, method, args, kwargs), error_log)


# -- text is bound, never spliced ---------------------------------------------------------------------------
@pytest.fixture
def tricky_docs(world, nexa_runtime, rpc_database):
    """One document of alice per tricky name: ``{name: id}``."""
    with nexa_runtime.environment(rpc_database) as env:
        created = {}
        for index, text in enumerate(TRICKY):
            if "\x00" in text:
                continue  # PostgreSQL text cannot hold NUL: refused on write (see the fuzz tests)
            doc = env[DOC].create({"name": f"{world.tag}-{index}-{text}", "owner_id": world.users["alice"]})
            created[text] = doc.id
        return created


def test_every_tricky_name_is_found_by_equality_exactly(world, tricky_docs):
    rpc = world.rpc("alice")
    for index, text in enumerate(TRICKY):
        if text in tricky_docs:
            assert rpc(DOC, "search", [("name", "=", f"{world.tag}-{index}-{text}")]) == [tricky_docs[text]]


@pytest.mark.parametrize("pattern", ["%", "_", "\\", "\\%", "'"])
def test_like_wildcards_in_user_text_match_themselves(world, tricky_docs, pattern):
    rpc = world.rpc("alice")
    found = rpc(DOC, "search_read", [("name", "like", world.tag), ("name", "ilike", pattern)], ["name"])
    assert found and all(pattern in row["name"] for row in found)


def test_an_injection_attempt_is_only_a_name(world, tricky_docs):
    rpc = world.rpc("alice")
    text = "'; DROP TABLE res_users; --"
    assert rpc(DOC, "search", [("name", "ilike", text)]) == [tricky_docs[text]]
    assert rpc("res.users", "search_count", []) > 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=8))
def test_an_ilike_search_only_returns_names_containing_the_text(world, tricky_docs, error_log, text):
    payload = call(world, "search_read", [[("name", "like", world.tag), ("name", "ilike", text)], ["name"]])
    assert_client_error_at_most(payload, error_log)
    if "result" in payload and text.isascii():
        assert all(text.lower() in row["name"].lower() for row in payload["result"])


@pytest.mark.parametrize("value", [2 ** 70, -(2 ** 64)])
def test_integers_beyond_64_bits_are_refused_at_the_wire(world, error_log, value):
    payload = call(world, "search", [[("amount", "=", value)]])
    assert payload["error"]["data"]["name"] == "odoo.exceptions.ValidationError"
    assert "64 bits" in payload["error"]["data"]["message"] and not error_log.records


def test_an_integer_beyond_its_column_is_refused_in_a_domain(world, error_log):
    payload = call(world, "search", [[("amount", ">", 2 ** 40)]])
    assert payload["error"]["data"]["name"] == "odoo.exceptions.ValidationError"
    assert "test.security.doc.amount" in payload["error"]["data"]["message"] and not error_log.records


@pytest.mark.parametrize("values_", [{"amount": 2 ** 40}, {"amount": 1e300}, {"partner_id": 2 ** 40},
                                     {"account_id": 2 ** 40}])
def test_a_value_beyond_its_column_is_refused_in_a_write(world, error_log, look, values_):
    payload = call(world, "write", [[world.records["alice_doc"]], values_])
    assert payload["error"]["data"]["name"] == "odoo.exceptions.ValidationError" and not error_log.records
    with look() as env:
        assert env[DOC].browse(world.records["alice_doc"]).amount == 10


@pytest.mark.parametrize("args", [[[("name", "=", "a\x00b")]], [[("name", "ilike", "\x00")]]])
def test_text_with_a_nul_character_is_refused(world, error_log, args):
    payload = call(world, "search", args)
    assert payload["error"]["data"]["name"] == "odoo.exceptions.ValidationError" and not error_log.records


def test_a_link_to_a_missing_record_is_a_validation_error(world, error_log):
    payload = call(world, "write", [[world.records["alice_doc"]], {"tag_ids": [(4, 2 ** 30)]}])
    assert payload["error"]["data"]["name"] == "odoo.exceptions.ValidationError" and not error_log.records


def test_a_domain_that_is_not_a_list_is_a_client_error(world, error_log):
    with pytest.raises(RpcError) as caught:
        world.rpc("alice")(DOC, "search", "name = 'x'")
    assert caught.value.name.startswith(CLIENT_ERROR_PREFIXES)
    assert not error_log.records


@pytest.mark.parametrize("leaf", [("line_ids", "in", [{}]), ("tag_ids", "=", [[1]]), ("line_ids", "not in", [1.5]),
                                  ("tag_ids", "in", [2 ** 40])])
def test_an_x2many_compared_with_something_else_than_ids_is_a_client_error(world, error_log, leaf):
    payload = call(world, "search_read", [[leaf], ["name"]])
    assert payload["error"]["data"]["name"] == "odoo.exceptions.ValidationError", payload["error"]["data"]
    assert not error_log.records
