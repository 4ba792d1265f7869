"""Hardening of the HTTP and RPC layers, on a live server: headers, CSRF, cross-site requests, session
lifetime, rate limits, hashed secrets that are upgraded and never logged, the master password.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import secrets
import urllib.error
import urllib.request
import uuid

import pytest
from rpc_world import PASSWORD, Rpc, RpcError, post_json, refused, unwrap
from werkzeug.test import Client

from nexa.http.app import Application
from nexa.runtime import Runtime
from nexa.security.passwords import _ab64_encode

pytestmark = pytest.mark.addons("test_security")


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, object, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def user(nexa_runtime, rpc_database, live_server):
    """A new internal user: ``(uid, login)``."""
    login = f"hard_{uuid.uuid4().hex[:8]}"
    with nexa_runtime.environment(rpc_database) as env:
        uid = env["res.users"].create({"name": login, "login": login, "password": PASSWORD}).id
    return uid, login


def session_cookie(live_server, db, login) -> str:
    status, _payload, headers = post_json(f"{live_server}/web/session/authenticate",
                                          {"db": db, "login": login, "password": PASSWORD})
    assert status == 200
    return headers.get("Set-Cookie").split(";", 1)[0]


# -- headers -------------------------------------------------------------------------------------------
def test_web_pages_carry_the_security_headers(live_server):
    status, headers, _body = fetch(f"{live_server}/web/login")
    assert status == 200
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_rpc_answers_carry_the_security_headers_too(live_server):
    _status, _payload, headers = post_json(f"{live_server}/jsonrpc", {"service": "common", "method": "version",
                                                                       "args": []})
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "SAMEORIGIN"


# -- CSRF and cross-site requests ------------------------------------------------------------------------------
def test_a_form_post_without_csrf_token_is_refused(live_server, rpc_database, user):
    body = f"db={rpc_database}&login={user[1]}&password={PASSWORD.replace(' ', '+')}".encode()
    status, _headers, text = fetch(f"{live_server}/web/login", data=body,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and b"CSRF" in text


def test_a_json_route_refuses_a_form_content_type(live_server, rpc_database, user):
    cookie = session_cookie(live_server, rpc_database, user[1])
    status, _headers, _text = fetch(f"{live_server}/web/dataset/call_kw", data=b'{"params": {}}',
                                    headers={"Content-Type": "text/plain", "Cookie": cookie})
    assert status == 400


def test_a_cross_site_request_with_the_session_cookie_is_refused(live_server, rpc_database, user):
    cookie = session_cookie(live_server, rpc_database, user[1])
    body = b'{"jsonrpc": "2.0", "method": "call", "params": {"model": "res.partner", "method": "create", ' \
           b'"args": [{"name": "forged"}], "kwargs": {}}}'
    status, _headers, _text = fetch(f"{live_server}/web/dataset/call_kw", data=body, headers={
        "Content-Type": "application/json", "Cookie": cookie, "Sec-Fetch-Site": "cross-site"})
    assert status == 403


def test_a_same_origin_request_with_the_session_cookie_is_served(live_server, rpc_database, user):
    cookie = session_cookie(live_server, rpc_database, user[1])
    status, payload, _headers = post_json(f"{live_server}/web/session/get_session_info", {}, cookie=cookie)
    assert status == 200 and payload["result"]["uid"] == user[0]


# -- sessions ------------------------------------------------------------------------------------------------
def test_the_session_cookie_lives_as_long_as_configured(nexa_runtime, rpc_database, user):
    runtime = Runtime(dataclasses.replace(nexa_runtime.config, session_lifetime=321))
    try:
        client = Client(Application(runtime))
        response = client.post("/web/session/authenticate", json={
            "jsonrpc": "2.0", "method": "call", "params": {"db": rpc_database, "login": user[1], "password": PASSWORD}})
        cookie = response.headers["Set-Cookie"]
    finally:
        runtime.close()
    assert "Max-Age=321" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_session_id_changes_at_login(live_server, rpc_database, user):
    first = session_cookie(live_server, rpc_database, user[1])
    second = session_cookie(live_server, rpc_database, user[1])
    assert first != second


# -- rate limiting -----------------------------------------------------------------------------------------------
def test_too_many_failed_browser_logins_block_even_the_right_password(nexa_runtime, live_server, rpc_database, user):
    url = f"{live_server}/web/session/authenticate"
    for _attempt in range(nexa_runtime.config.login_rate_limit):
        _status, payload, _headers = post_json(url, {"db": rpc_database, "login": user[1], "password": "wrong"})
        assert payload["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"
    _status, payload, _headers = post_json(url, {"db": rpc_database, "login": user[1], "password": PASSWORD})
    assert "Too many failed logins" in payload["error"]["data"]["message"]


# -- hashed secrets --------------------------------------------------------------------------------------------
def test_an_old_password_hash_is_upgraded_at_the_next_login(nexa_runtime, live_server, rpc_database, user):
    uid, login = user
    salt = secrets.token_bytes(16)
    checksum = hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), salt, 1000, 32)
    old = f"$pbkdf2-sha256$1000${_ab64_encode(salt)}${_ab64_encode(checksum)}"
    with nexa_runtime.environment(rpc_database) as env:
        env["res.users"].browse(uid).write({"password_hash": old})
    assert Rpc(live_server, rpc_database, uid).service("common", "authenticate", rpc_database, login, PASSWORD,
                                                         {}) == uid
    with nexa_runtime.environment(rpc_database) as env:
        assert env["res.users"].browse(uid).password_hash.startswith("$pbkdf2-sha512$")


def test_api_keys_are_stored_hashed(nexa_runtime, rpc_database, user):
    with nexa_runtime.environment(rpc_database) as env:
        key = env["res.users.apikeys"]._generate("hashed", user_id=user[0])
        row = env["res.users.apikeys"].search([("user_id", "=", user[0])])
        assert key not in (row.key_hash or "") and row.index == key[:8] and len(key) == 40


def test_no_password_or_key_reaches_the_logs(nexa_runtime, live_server, rpc_database, user, caplog):
    uid, login = user
    secret = f"Unique-{uuid.uuid4().hex}"
    with nexa_runtime.environment(rpc_database) as env:
        env["res.users"].browse(uid).write({"password": secret})
        key = env["res.users.apikeys"]._generate("logged?", user_id=uid)
    rpc = Rpc(live_server, rpc_database, uid, secret)
    with caplog.at_level(logging.DEBUG):
        rpc.service("common", "authenticate", rpc_database, login, secret, {})
        rpc.service("common", "authenticate", rpc_database, login, secret + "x", {})
        rpc("res.users", "context_get")
        Rpc(live_server, rpc_database, uid, key)("res.users", "context_get")
        with pytest.raises(RpcError):
            Rpc(live_server, rpc_database, uid, secret + "y")("res.users", "context_get")
        with pytest.raises(RpcError):
            rpc("res.users", "no_such_method", secret)
        post_json(f"{live_server}/web/session/authenticate", {"db": rpc_database, "login": login, "password": secret})
    text = "\n".join(record.getMessage() + str(record.__dict__) for record in caplog.records)
    assert caplog.records and secret not in text and key not in text


# -- the db service ------------------------------------------------------------------------------------------------
def test_the_db_service_refuses_without_the_master_password(live_server, rpc_database):
    rpc = Rpc(live_server, rpc_database, 0)
    with pytest.raises(RpcError) as caught:
        rpc.service("db", "drop", "not the master password", rpc_database)
    assert caught.value.name == "odoo.exceptions.AccessDenied"
    assert rpc.service("db", "db_exist", rpc_database) is True


def test_the_db_service_refuses_to_create_without_the_master_password(live_server, rpc_database):
    name = f"nexa_never_{uuid.uuid4().hex[:8]}"
    error = refused(lambda: unwrap(*post_json(f"{live_server}/jsonrpc", {
        "service": "db", "method": "create_database", "args": ["wrong", name, False, "en_US", "admin"]})[:2]))
    assert error.name == "odoo.exceptions.AccessDenied"
    assert Rpc(live_server, rpc_database, 0).service("db", "db_exist", name) is False
