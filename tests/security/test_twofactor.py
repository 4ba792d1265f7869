"""Two-factor login (TOTP, RFC 6238) end to end: enrolment over RPC, the browser login's second step,
recovery codes, and the external API's switch to API keys.
"""

from __future__ import annotations

import time
import urllib.request
import uuid

import pytest
from rpc_world import PASSWORD, Rpc, RpcError, post_json, refused, unwrap

from nexa.security.totp import totp

pytestmark = pytest.mark.addons("test_security")


class Browser:
    """A cookie-keeping JSON client of the ``/web/session/*`` routes."""

    def __init__(self, url: str) -> None:
        self.url, self.cookie = url, None

    def call(self, path: str, **params: object) -> object:
        status, payload, headers = post_json(self.url + path, params, cookie=self.cookie)
        for header in headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == "session_id":
                value = rest.split(";", 1)[0]
                self.cookie = f"session_id={value}" if value else None
        return unwrap(status, payload)


@pytest.fixture
def enrolled(nexa_runtime, rpc_database, live_server):
    """A user with two-factor login on: ``(rpc with the password, login, secret, recovery codes)``."""
    login = f"totp_{uuid.uuid4().hex[:8]}"
    with nexa_runtime.environment(rpc_database) as env:
        uid = env["res.users"].create({"name": login, "login": login, "password": PASSWORD}).id
    rpc = Rpc(live_server, rpc_database, uid)
    secret = rpc("res.users", "totp_enable_begin", [uid], PASSWORD)["secret"]
    codes = rpc("res.users", "totp_enable_confirm", [uid], totp(secret, time.time()))
    return rpc, login, secret, codes


def next_code(secret: str) -> str:
    """A code of the next time step (the current one was used by the enrolment: replays are refused)."""
    return totp(secret, time.time() + 30)


def test_enrolment_returns_a_secret_and_an_authenticator_uri(nexa_runtime, rpc_database, live_server):
    login = f"totp_{uuid.uuid4().hex[:8]}"
    with nexa_runtime.environment(rpc_database) as env:
        uid = env["res.users"].create({"name": login, "login": login, "password": PASSWORD}).id
    started = Rpc(live_server, rpc_database, uid)("res.users", "totp_enable_begin", [uid], PASSWORD)
    assert started["uri"].startswith("otpauth://totp/") and f"secret={started['secret']}" in started["uri"]


def test_enrolment_needs_the_password(world):
    rpc = world.rpc("alice")
    error = refused(rpc, "res.users", "totp_enable_begin", [world.users["alice"]], "wrong password")
    assert error.name == "odoo.exceptions.AccessDenied"


def test_nobody_can_enrol_another_user(world):
    error = refused(world.rpc("boss"), "res.users", "totp_enable_begin", [world.users["alice"]], PASSWORD)
    assert error.name == "odoo.exceptions.AccessError"


def test_enrolment_is_confirmed_with_a_code_and_gives_ten_recovery_codes(enrolled, world):
    rpc, _login, _secret, codes = enrolled
    assert len(codes) == 10 and len(set(codes)) == 10
    assert world.rpc("admin")("res.users", "read", [rpc.uid], ["totp_enabled"])[0]["totp_enabled"] is True


def test_the_secret_is_never_readable_over_rpc(enrolled, world):
    rpc = world.rpc("boss")
    assert "totp_secret" not in rpc("res.users", "fields_get")
    assert refused(rpc, "res.users", "read", [enrolled[0].uid], ["totp_secret"]).name == \
        "odoo.exceptions.AccessError"


def test_with_two_factor_on_the_api_refuses_the_password(enrolled):
    rpc, login, _secret, _codes = enrolled
    assert rpc.service("common", "authenticate", rpc.db, login, PASSWORD, {}) is False
    assert refused(rpc, "res.users", "context_get").name == "odoo.exceptions.AccessDenied"


def test_with_two_factor_on_the_api_accepts_an_api_key(nexa_runtime, enrolled):
    rpc, login, _secret, _codes = enrolled
    with nexa_runtime.environment(rpc.db) as env:
        key = env["res.users.apikeys"]._generate("script", user_id=rpc.uid)
    assert rpc.service("common", "authenticate", rpc.db, login, key, {}) == rpc.uid
    as_key = Rpc(rpc.url, rpc.db, rpc.uid, key)
    assert as_key("res.users", "read", [rpc.uid], ["totp_enabled"])[0]["totp_enabled"] is True


def test_a_user_creates_an_api_key_with_their_password(world):
    rpc = world.rpc("alice")
    key = rpc("res.users.apikeys", "generate", "my script", PASSWORD)
    assert Rpc(rpc.url, rpc.db, rpc.uid, key)("res.users", "context_get")["uid"] == rpc.uid
    assert refused(rpc, "res.users.apikeys", "generate", "stolen", "bad password").name == \
        "odoo.exceptions.AccessDenied"


def test_users_see_only_their_own_api_keys(world):
    alice, bob = world.rpc("alice"), world.rpc("bob")
    alice("res.users.apikeys", "generate", "alice key", PASSWORD)
    bob("res.users.apikeys", "generate", "bob key", PASSWORD)
    rows = alice("res.users.apikeys", "search_read", [], ["user_id"])
    assert rows and {row["user_id"][0] for row in rows} == {world.users["alice"]}


# -- the browser login ------------------------------------------------------------------------------
def test_the_browser_password_step_leaves_the_session_waiting_for_a_code(enrolled):
    rpc, login, _secret, _codes = enrolled
    browser = Browser(rpc.url)
    answer = browser.call("/web/session/authenticate", db=rpc.db, login=login, password=PASSWORD)
    assert answer["uid"] is False and answer["totp_required"] is True
    with pytest.raises(RpcError) as caught:
        browser.call("/web/session/get_session_info")
    assert caught.value.name == "odoo.http.SessionExpiredException"


def test_the_right_code_completes_the_browser_login(enrolled):
    rpc, login, secret, _codes = enrolled
    browser = Browser(rpc.url)
    browser.call("/web/session/authenticate", db=rpc.db, login=login, password=PASSWORD)
    info = browser.call("/web/session/totp", code=next_code(secret))
    assert info["uid"] == rpc.uid
    assert browser.call("/web/session/get_session_info")["uid"] == rpc.uid


def test_a_wrong_code_is_refused(enrolled):
    rpc, login, _secret, _codes = enrolled
    browser = Browser(rpc.url)
    browser.call("/web/session/authenticate", db=rpc.db, login=login, password=PASSWORD)
    with pytest.raises(RpcError) as caught:
        browser.call("/web/session/totp", code="000000")
    assert caught.value.name == "odoo.exceptions.AccessDenied"


def test_a_code_cannot_be_replayed(enrolled):
    rpc, login, secret, _codes = enrolled
    code = next_code(secret)
    first = Browser(rpc.url)
    first.call("/web/session/authenticate", db=rpc.db, login=login, password=PASSWORD)
    first.call("/web/session/totp", code=code)
    second = Browser(rpc.url)
    second.call("/web/session/authenticate", db=rpc.db, login=login, password=PASSWORD)
    with pytest.raises(RpcError):
        second.call("/web/session/totp", code=code)


def test_a_recovery_code_logs_in_once(enrolled):
    rpc, login, _secret, codes = enrolled
    first = Browser(rpc.url)
    first.call("/web/session/authenticate", db=rpc.db, login=login, password=PASSWORD)
    assert first.call("/web/session/totp", code=codes[0])["uid"] == rpc.uid
    second = Browser(rpc.url)
    second.call("/web/session/authenticate", db=rpc.db, login=login, password=PASSWORD)
    with pytest.raises(RpcError):
        second.call("/web/session/totp", code=codes[0])


def test_a_code_without_a_pending_login_is_refused(live_server):
    with pytest.raises(RpcError) as caught:
        Browser(live_server).call("/web/session/totp", code="123456")
    assert caught.value.name == "odoo.http.SessionExpiredException"


def test_too_many_wrong_codes_end_the_pending_login(enrolled):
    rpc, login, secret, _codes = enrolled
    browser = Browser(rpc.url)
    browser.call("/web/session/authenticate", db=rpc.db, login=login, password=PASSWORD)
    for _attempt in range(5):
        with pytest.raises(RpcError):
            browser.call("/web/session/totp", code="000000")
    with pytest.raises(RpcError) as caught:
        browser.call("/web/session/totp", code=next_code(secret))
    assert caught.value.name in ("odoo.http.SessionExpiredException", "odoo.exceptions.AccessDenied")


def test_turning_two_factor_off_needs_a_code_and_gives_the_password_back_to_the_api(nexa_runtime, enrolled):
    rpc, login, secret, _codes = enrolled
    with nexa_runtime.environment(rpc.db) as env:
        key = env["res.users.apikeys"]._generate("script", user_id=rpc.uid)
    as_key = Rpc(rpc.url, rpc.db, rpc.uid, key)
    assert refused(as_key, "res.users", "totp_disable", [rpc.uid], "000000").name == "odoo.exceptions.AccessDenied"
    assert as_key("res.users", "totp_disable", [rpc.uid], next_code(secret)) is True
    assert rpc.service("common", "authenticate", rpc.db, login, PASSWORD, {}) == rpc.uid


def test_an_administrator_turns_off_the_two_factor_login_of_a_user(enrolled, world):
    rpc, login, _secret, _codes = enrolled
    assert world.rpc("admin")("res.users", "totp_disable", [rpc.uid]) is True
    assert rpc.service("common", "authenticate", rpc.db, login, PASSWORD, {}) == rpc.uid


def test_a_plain_user_cannot_turn_off_the_two_factor_login_of_another(enrolled, world):
    rpc, _login, _secret, _codes = enrolled
    assert refused(world.rpc("alice"), "res.users", "totp_disable", [rpc.uid]).name == \
        "odoo.exceptions.AccessError"


def test_without_two_factor_the_browser_login_is_one_step(world):
    info = Browser(world.url).call("/web/session/authenticate", db=world.db, login=f"bob_{world.tag}",
                                   password=PASSWORD)
    assert info["uid"] == world.users["bob"] and "totp_required" not in info


def test_the_pending_session_cookie_is_http_only(enrolled):
    rpc, login, _secret, _codes = enrolled
    body = (b'{"jsonrpc": "2.0", "method": "call", "params": {"db": "%s", "login": "%s", "password": "%s"}}'
            % (rpc.db.encode(), login.encode(), PASSWORD.encode()))
    request = urllib.request.Request(f"{rpc.url}/web/session/authenticate", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        cookie = response.headers.get("Set-Cookie")
    assert cookie.startswith("session_id=") and "HttpOnly" in cookie
