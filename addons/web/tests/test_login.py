"""The login form's two steps (password, then the two-factor code) and its CSRF token across tabs."""

import re
import time
import uuid

import pytest
from werkzeug.test import Client

from nexa.http.app import Application
from nexa.http.csrf import ANONYMOUS_COOKIE
from nexa.security.totp import totp

pytestmark = pytest.mark.addons("base", "test_web_widgets")
PASSWORD = "correct horse battery"


@pytest.fixture
def client(nexa_runtime):
    return Client(Application(nexa_runtime))


@pytest.fixture
def enrolled(nexa_runtime, rpc_database):
    """``(login, secret, recovery codes)`` of a new user with two-factor login on."""
    login = f"web2fa_{uuid.uuid4().hex[:8]}"
    with nexa_runtime.environment(rpc_database) as env:
        uid = env["res.users"].create({"name": login, "login": login, "password": PASSWORD}).id
    with nexa_runtime.environment(rpc_database, uid, su=False) as env:
        user = env["res.users"].browse(uid)
        secret = user.totp_enable_begin(PASSWORD)["secret"]
        codes = user.totp_enable_confirm(totp(secret, time.time()))
    return login, secret, codes


def token_of(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post_password(client, database, login, password=PASSWORD, redirect=None):
    token = token_of(client.get("/web/login").get_data(as_text=True))
    data = {"csrf_token": token, "db": database, "login": login, "password": password}
    if redirect is not None:
        data["redirect"] = redirect
    return client.post("/web/login", data=data)


def post_code(client, response, code):
    html = response.get_data(as_text=True)
    data = {"csrf_token": token_of(html), "code": code}
    redirect = re.search(r'name="redirect" value="([^"]+)"', html)
    if redirect:
        data["redirect"] = redirect.group(1)
    return client.post("/web/login/totp", data=data)


def wrong_code(secret):
    valid = {totp(secret, time.time() + 30 * step) for step in range(-2, 4)}
    return next(code for code in (f"{n:06d}" for n in range(1000)) if code not in valid)


def test_second_login_tab_keeps_working_after_another_tab_loads_the_form(client, rpc_database):
    first = token_of(client.get("/web/login").get_data(as_text=True))
    second = token_of(client.get("/web/login").get_data(as_text=True))
    assert first == second == client.get_cookie(ANONYMOUS_COOKIE).value
    response = client.post("/web/login", data={"csrf_token": first, "db": rpc_database, "login": "admin",
                                               "password": "admin"})
    assert response.status_code == 303 and response.headers["Location"] == "/web"


def test_a_malformed_csrf_cookie_is_replaced_not_echoed(client):
    client.set_cookie(ANONYMOUS_COOKIE, "<script>")
    token = token_of(client.get("/web/login").get_data(as_text=True))
    assert token != "<script>" and client.get_cookie(ANONYMOUS_COOKIE).value == token


def test_password_of_a_two_factor_user_leads_to_the_code_step(client, rpc_database, enrolled):
    login, _secret, _codes = enrolled
    response = post_password(client, rpc_database, login)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'action="/web/login/totp"' in html and login in html
    assert client.get("/web").status_code == 303  # not logged in yet


def test_right_code_logs_in_and_goes_to_the_asked_page(client, rpc_database, enrolled):
    login, secret, _codes = enrolled
    step = post_password(client, rpc_database, login, redirect="/web#action=12")
    response = post_code(client, step, totp(secret, time.time() + 30))
    assert response.status_code == 303 and response.headers["Location"] == "/web#action=12"
    assert client.get("/web").status_code == 200


def test_recovery_code_logs_in_once(client, rpc_database, enrolled):
    login, _secret, codes = enrolled
    assert post_code(client, post_password(client, rpc_database, login), codes[0]).status_code == 303
    again = Client(client.application)
    refused = post_code(again, post_password(again, rpc_database, login), codes[0])
    assert refused.status_code == 200 and "Wrong code" in refused.get_data(as_text=True)


def test_wrong_code_is_refused_with_the_attempts_left(client, rpc_database, enrolled):
    login, secret, _codes = enrolled
    response = post_code(client, post_password(client, rpc_database, login), wrong_code(secret))
    html = response.get_data(as_text=True)
    assert "Wrong code" in html and "4 attempts left" in html and 'aria-invalid="true"' in html
    assert client.get("/web").status_code == 303


def test_five_wrong_codes_send_back_to_the_password(client, rpc_database, enrolled):
    login, secret, _codes = enrolled
    response = post_password(client, rpc_database, login)
    for _attempt in range(5):
        response = post_code(client, response, wrong_code(secret))
    html = response.get_data(as_text=True)
    assert "Too many wrong codes" in html and 'action="/web/login"' in html
    client.post("/web/login/totp", data={"csrf_token": token_of(html), "code": totp(secret, time.time() + 30)})
    assert client.get("/web").status_code == 303  # even the right code needs the password again


def test_reloading_the_login_page_keeps_the_code_step(client, rpc_database, enrolled):
    login, _secret, _codes = enrolled
    post_password(client, rpc_database, login)
    assert 'action="/web/login/totp"' in client.get("/web/login").get_data(as_text=True)


def test_use_another_account_abandons_the_pending_login(client, rpc_database, enrolled):
    login, _secret, _codes = enrolled
    token = token_of(post_password(client, rpc_database, login).get_data(as_text=True))
    assert client.post("/web/logout", data={"csrf_token": token}).headers["Location"] == "/web/login"
    assert 'action="/web/login"' in client.get("/web/login").get_data(as_text=True)


def test_code_step_without_a_pending_login_asks_for_the_password(client, rpc_database):
    token = token_of(client.get("/web/login").get_data(as_text=True))
    html = client.post("/web/login/totp", data={"csrf_token": token, "code": "123456"}).get_data(as_text=True)
    assert "ran out" in html and 'action="/web/login"' in html


def test_code_step_needs_the_csrf_token(client, rpc_database, enrolled):
    login, secret, _codes = enrolled
    post_password(client, rpc_database, login)
    assert client.post("/web/login/totp", data={"code": totp(secret, time.time() + 30)}).status_code == 403
