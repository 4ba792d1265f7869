"""Who a call runs as, and with what context: API keys, ``uid`` in context, companies, lang, tz, rate limits.

The identity of an ``object`` call comes only from the verified ``(db, uid,
password)``; the password may be an API key (revoked: refused at the next call).
The context a client sends is honoured for ``lang``, ``tz`` and
``allowed_company_ids`` (only companies of the user), never for ``uid`` (G23).
Failed logins and failed password checks are limited per login (or uid) and
client address.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.request
import uuid
import xmlrpc.client
from typing import Any

import pytest

from nexa.runtime import Runtime
from nexa.testing.server import running_server

pytestmark = pytest.mark.addons("test_rpc_api")

PASSWORD = "user password"


@pytest.fixture
def user(nexa_runtime, rpc_database) -> dict[str, Any]:
    """A new internal user in two companies (``company_ids``), plus a company they are not in (``other``)."""
    login = f"user_{uuid.uuid4().hex[:10]}"
    with nexa_runtime.environment(rpc_database) as env:
        main = env.ref("base.main_company")
        second, other = env["res.company"].create([{"name": f"{login} B"}, {"name": f"{login} C"}])
        record = env["res.users"].create({"name": login, "login": login, "password": PASSWORD,
                                          "company_id": main.id, "company_ids": [(6, 0, [main.id, second.id])]})
        return {"uid": record.id, "login": login, "company_ids": [main.id, second.id], "other": other.id}


@pytest.fixture
def api_key(nexa_runtime, rpc_database, user) -> str:
    with nexa_runtime.environment(rpc_database) as env:
        return env["res.users.apikeys"]._generate("rpc tests", user_id=user["uid"])


@pytest.fixture
def common(live_server):
    return xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/common")


@pytest.fixture
def models(live_server):
    return xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/object", allow_none=True)


def fault_code(call: Any) -> int:
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call()
    return caught.value.faultCode


# -- API keys ------------------------------------------------------------------------------
def test_api_key_logs_in_as_its_owner(common, rpc_database, user, api_key):
    assert common.login(rpc_database, user["login"], api_key) == user["uid"]


def test_api_key_is_accepted_as_the_password_of_calls(models, rpc_database, user, api_key):
    me = models.execute_kw(rpc_database, user["uid"], api_key, "test.rpc.thing", "whoami", [])
    assert me["uid"] == user["uid"]


def test_api_key_does_not_log_in_another_login(common, rpc_database, api_key):
    assert common.login(rpc_database, "admin", api_key) is False


def test_revoked_api_key_is_refused_at_once(models, rpc_database, user, api_key):
    uid = user["uid"]
    keys = models.execute_kw(rpc_database, uid, api_key, "res.users.apikeys", "search", [[["user_id", "=", uid]]])
    assert models.execute_kw(rpc_database, uid, api_key, "res.users.apikeys", "revoke", [keys]) is True
    assert fault_code(lambda: models.execute_kw(rpc_database, uid, api_key, "test.rpc.thing", "whoami", [])) == 3


def test_expired_api_key_is_refused(nexa_runtime, common, rpc_database, user):
    yesterday = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=1)
    with nexa_runtime.environment(rpc_database) as env:
        key = env["res.users.apikeys"]._generate("expired", user_id=user["uid"], expiration_date=yesterday)
    assert common.login(rpc_database, user["login"], key) is False


# -- identity and context ------------------------------------------------------------------
def test_uid_in_a_keyword_context_never_switches_user(models, rpc_database, user):
    me = models.execute_kw(rpc_database, user["uid"], PASSWORD, "test.rpc.thing", "whoami", [],
                           {"context": {"uid": 1}})
    assert me["uid"] == user["uid"]


def test_uid_in_a_positional_context_never_switches_user(models, rpc_database, user):
    me = models.execute(rpc_database, user["uid"], PASSWORD, "test.rpc.thing", "whoami", {"uid": 1})
    assert me["uid"] == user["uid"]


def test_lang_and_tz_of_the_context_are_honoured(models, rpc_database, user):
    me = models.execute_kw(rpc_database, user["uid"], PASSWORD, "test.rpc.thing", "whoami", [],
                           {"context": {"lang": "fr_FR", "tz": "Europe/Brussels"}})
    assert (me["lang"], me["tz"]) == ("fr_FR", "Europe/Brussels")


def test_without_allowed_companies_the_user_company_is_current_and_all_apply(models, rpc_database, user):
    me = models.execute_kw(rpc_database, user["uid"], PASSWORD, "test.rpc.thing", "whoami", [])
    assert me["company_id"] == user["company_ids"][0]
    assert sorted(me["company_ids"]) == sorted(user["company_ids"])


def test_allowed_company_ids_choose_the_current_companies(models, rpc_database, user):
    main, second = user["company_ids"]
    context = {"allowed_company_ids": [second, main]}
    me = models.execute_kw(rpc_database, user["uid"], PASSWORD, "test.rpc.thing", "whoami", [],
                           {"context": context})
    assert (me["company_id"], me["company_ids"]) == (second, [second, main])
    thing_id = models.execute_kw(rpc_database, user["uid"], PASSWORD, "test.rpc.thing", "create",
                                 [{"name": "in the second company"}], {"context": context})
    [row] = models.execute_kw(rpc_database, user["uid"], PASSWORD, "test.rpc.thing", "read",
                              [[thing_id], ["company_id"]], {"load": "_classic_write"})
    assert row["company_id"] == second


def test_allowed_company_ids_outside_the_user_companies_are_refused(models, rpc_database, user):
    def call() -> Any:
        return models.execute_kw(rpc_database, user["uid"], PASSWORD, "test.rpc.thing", "create",
                                 [{"name": "smuggled"}], {"context": {"allowed_company_ids": [user["other"]]}})

    assert fault_code(call) == 4


def test_allowed_company_ids_must_be_a_list_of_ids(models, rpc_database, user):
    def call() -> Any:
        return models.execute_kw(rpc_database, user["uid"], PASSWORD, "test.rpc.thing", "whoami", [],
                                 {"context": {"allowed_company_ids": "1,2"}})

    assert fault_code(call) == 2


def test_password_none_is_access_denied_not_a_crash(models, rpc_database, user):
    assert fault_code(lambda: models.execute_kw(rpc_database, user["uid"], None, "test.rpc.thing", "ping", [])) == 3


# -- rate limits ---------------------------------------------------------------------------
@pytest.fixture
def limited_server(nexa_runtime):
    """A server allowing 3 failures per 15 minutes, behind a proxy (X-Forwarded-For gives the address)."""
    runtime = Runtime(nexa_runtime.config.replace(login_rate_limit=3, proxy_mode=True))
    try:
        with running_server(runtime) as url:
            yield url
    finally:
        runtime.close()


def call_from(url: str, address: str, service: str, method: str, *args: Any) -> dict[str, Any]:
    """A raw JSON-RPC call as if from ``address``; returns the whole reply."""
    body = {"jsonrpc": "2.0", "method": "call", "id": 1,
            "params": {"service": service, "method": method, "args": list(args)}}
    request = urllib.request.Request(f"{url}/jsonrpc", json.dumps(body).encode(),
                                     {"Content-Type": "application/json", "X-Forwarded-For": address})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def test_login_failures_block_that_login_from_that_address(limited_server, rpc_database, user):
    login = user["login"]
    for _attempt in range(3):
        failed = call_from(limited_server, "192.0.2.1", "common", "login", rpc_database, login, "wrong")
        assert failed["result"] is False
    blocked = call_from(limited_server, "192.0.2.1", "common", "login", rpc_database, login, PASSWORD)
    assert blocked["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"
    assert "Too many failed logins" in blocked["error"]["data"]["message"]


def test_login_failures_do_not_block_other_addresses_or_logins(limited_server, rpc_database, user):
    for _attempt in range(3):
        call_from(limited_server, "192.0.2.2", "common", "login", rpc_database, user["login"], "wrong")
    other_address = call_from(limited_server, "192.0.2.3", "common", "login", rpc_database, user["login"], PASSWORD)
    assert other_address["result"] == user["uid"]
    other_login = call_from(limited_server, "192.0.2.2", "common", "login", rpc_database, "admin", "admin")
    assert other_login["result"] == 1


def test_wrong_passwords_in_calls_are_limited_too(limited_server, rpc_database, user):
    args = (rpc_database, user["uid"])
    for _attempt in range(3):
        reply = call_from(limited_server, "192.0.2.4", "object", "execute_kw", *args, "wrong", "test.rpc.thing",
                          "ping", [])
        assert reply["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"
    blocked = call_from(limited_server, "192.0.2.4", "object", "execute_kw", *args, PASSWORD, "test.rpc.thing",
                        "ping", [])
    assert "Too many failed" in blocked["error"]["data"]["message"]


def test_a_successful_login_clears_the_failures_of_its_login(limited_server, rpc_database, user):
    def login(password: str) -> dict[str, Any]:
        return call_from(limited_server, "192.0.2.5", "common", "login", rpc_database, user["login"], password)

    for password in ("wrong", "wrong", PASSWORD, "wrong", "wrong"):
        login(password)
    assert login(PASSWORD)["result"] == user["uid"]
