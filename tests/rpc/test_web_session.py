"""The session-based ``/web/`` JSON routes, version and database list, and the health checks (reference 7).

``/web/session/authenticate`` logs a browser (or a script keeping cookies) in
and sets the ``session_id`` cookie (HttpOnly, SameSite=Lax); ``/web/dataset/call_kw``
then calls model methods as that user, with the session's context under the
call's own; without a session these routes answer Odoo's "Session Expired" error
(code 100).
"""

from __future__ import annotations

import http.cookiejar
import json
import urllib.request
import uuid
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect

from nexa.http.sessions import SESSION_TABLE

pytestmark = pytest.mark.addons("test_rpc_api")


class Browser:
    """A JSON-RPC client keeping cookies, like a web page or an odoorpc ``odoo.json()`` script."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.last_headers: Any = None

    def post(self, path: str, params: dict[str, Any] | None = None, *, cookie: str | None = None) -> dict:
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params or {}}).encode()
        headers = {"Content-Type": "application/json"}
        if cookie is not None:
            headers["Cookie"] = cookie
        request = urllib.request.Request(self.base_url + path, body, headers)
        with self.opener.open(request) as response:
            self.last_headers = response.headers
            return json.loads(response.read())

    def session_cookie(self) -> str | None:
        return next((cookie.value for cookie in self.cookies if cookie.name == "session_id"), None)

    def authenticate(self, db: str, login: str = "admin", password: str = "admin") -> dict:
        return self.post("/web/session/authenticate", {"db": db, "login": login, "password": password})


@pytest.fixture
def browser(live_server):
    return Browser(live_server)


@pytest.fixture
def logged_in(browser, rpc_database):
    assert "result" in browser.authenticate(rpc_database)
    return browser


def test_version_info_needs_no_database_nor_session(browser):
    reply = browser.post("/web/webclient/version_info")
    assert reply["result"]["server_version"] == "17.0"
    assert reply["result"]["server_serie"] == "17.0"


def test_database_list_lists_the_database(browser, rpc_database):
    assert rpc_database in browser.post("/web/database/list")["result"]


@pytest.mark.parametrize("path", ["/health", "/web/health"])
def test_health_reports_pass(live_server, path):
    with urllib.request.urlopen(live_server + path) as response:
        assert response.status == 200
        assert json.loads(response.read())["status"] == "pass"


def test_authenticate_returns_the_session_info(browser, rpc_database):
    info = browser.authenticate(rpc_database)["result"]
    assert (info["uid"], info["db"], info["username"]) == (1, rpc_database, "admin")
    assert info["user_context"]["lang"] == "en_US"
    assert info["server_version"] == "17.0"


def test_authenticate_sets_an_httponly_samesite_lax_cookie(browser, rpc_database):
    browser.authenticate(rpc_database)
    cookie = browser.last_headers["Set-Cookie"]
    assert cookie.startswith("session_id=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie


def test_authenticate_with_a_wrong_password_is_access_denied(browser, rpc_database):
    reply = browser.authenticate(rpc_database, password="not the password")
    assert reply["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"
    assert browser.session_cookie() is None


def test_authenticate_again_rotates_the_session_id(logged_in, rpc_database):
    first = logged_in.session_cookie()
    logged_in.authenticate(rpc_database)
    assert logged_in.session_cookie() not in (None, first)
    assert logged_in.post("/web/session/get_session_info", cookie=f"session_id={first}")["error"]["code"] == 100


def test_get_session_info_needs_a_session(browser):
    error = browser.post("/web/session/get_session_info")["error"]
    assert (error["code"], error["message"]) == (100, "Odoo Session Expired")
    assert error["data"]["name"] == "odoo.http.SessionExpiredException"


def test_get_session_info_with_the_cookie(logged_in, rpc_database):
    info = logged_in.post("/web/session/get_session_info")["result"]
    assert (info["uid"], info["db"]) == (1, rpc_database)


def test_call_kw_with_the_session_cookie(logged_in):
    name = f"session {uuid.uuid4().hex[:10]}"
    params = {"model": "test.rpc.thing", "method": "create", "args": [{"name": name}], "kwargs": {}}
    thing_id = logged_in.post("/web/dataset/call_kw", params)["result"]
    params = {"model": "test.rpc.thing", "method": "search_read", "args": [[["id", "=", thing_id]]],
              "kwargs": {"fields": ["name"]}}
    assert logged_in.post("/web/dataset/call_kw", params)["result"] == [{"id": thing_id, "name": name}]


def test_call_kw_path_form_is_informational(logged_in):
    params = {"model": "test.rpc.thing", "method": "ping", "args": ["via path"], "kwargs": {}}
    assert logged_in.post("/web/dataset/call_kw/test.rpc.thing/ping", params)["result"]["echo"] == "via path"


def test_call_kw_applies_the_call_context_over_the_session_context(browser, nexa_runtime, rpc_database):
    login = f"french_{uuid.uuid4().hex[:8]}"
    with nexa_runtime.environment(rpc_database) as env:
        uid = env["res.users"].create({"name": login, "login": login, "password": "pw", "lang": "fr_FR"}).id
    assert browser.authenticate(rpc_database, login, "pw")["result"]["user_context"]["lang"] == "fr_FR"
    params = {"model": "test.rpc.thing", "method": "whoami", "args": [],
              "kwargs": {"context": {"tz": "Europe/Brussels", "uid": 1}}}
    me = browser.post("/web/dataset/call_kw", params)["result"]
    assert (me["uid"], me["lang"], me["tz"]) == (uid, "fr_FR", "Europe/Brussels")


def test_call_kw_without_a_session_is_session_expired(browser):
    params = {"model": "test.rpc.thing", "method": "ping", "args": [], "kwargs": {}}
    assert browser.post("/web/dataset/call_kw", params)["error"]["code"] == 100


def test_destroy_ends_the_session(logged_in):
    cookie = logged_in.session_cookie()
    assert logged_in.post("/web/session/destroy")["result"] is True
    assert logged_in.session_cookie() is None
    assert logged_in.post("/web/session/get_session_info", cookie=f"session_id={cookie}")["error"]["code"] == 100


def test_a_cookie_naming_a_missing_database_is_ignored(browser):
    reply = browser.post("/web/webclient/version_info", cookie="session_id=no_such_database~abcdef")
    assert reply["result"]["server_version"] == "17.0"


def test_a_cookie_naming_a_foreign_database_writes_nothing_there(browser, nexa_runtime):
    name = f"foreign_{uuid.uuid4().hex[:8]}"
    nexa_runtime.server.create(name)
    try:
        reply = browser.post("/web/webclient/version_info", cookie=f"session_id={name}~abcdef")
        assert "result" in reply
        engine = create_engine(nexa_runtime.server.url(name))
        try:
            with engine.connect() as connection:
                assert not inspect(connection).has_table(SESSION_TABLE.name)
        finally:
            engine.dispose()
    finally:
        nexa_runtime.forget(name)
        nexa_runtime.server.drop(name)
