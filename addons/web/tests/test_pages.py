"""The web addon's pages: the client's shell, the login form, logout (werkzeug test client)."""

import json
import re

import pytest
from werkzeug.test import Client

from nexa.http.app import Application

pytestmark = pytest.mark.addons("base", "test_web_widgets")


@pytest.fixture
def client(nexa_runtime):
    return Client(Application(nexa_runtime))


def login_form(client, redirect=""):
    page = client.get(f"/web/login{redirect}").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1), page


def log_in(client, database, redirect=None, password="admin"):
    token, _page = login_form(client)
    data = {"csrf_token": token, "db": database, "login": "admin", "password": password}
    if redirect is not None:
        data["redirect"] = redirect
    return client.post("/web/login", data=data)


def test_web_without_session_redirects_to_the_login_form(client):
    response = client.get("/web")
    assert response.status_code == 303 and response.headers["Location"].startswith("/web/login?redirect=")


def test_root_redirects_to_the_client(client):
    assert client.get("/").headers["Location"] == "/web"


def test_login_without_the_csrf_token_is_refused(client, rpc_database):
    response = client.post("/web/login", data={"db": rpc_database, "login": "admin", "password": "admin"})
    assert response.status_code == 403


def test_wrong_password_shows_the_form_again_with_an_error(client, rpc_database):
    response = log_in(client, rpc_database, password="wrong")
    assert response.status_code == 200 and "Wrong login or password" in response.get_data(as_text=True)


def test_login_redirects_to_the_asked_page_on_this_server(client, rpc_database):
    response = log_in(client, rpc_database, redirect="/web#action=12")
    assert response.status_code == 303 and response.headers["Location"] == "/web#action=12"


@pytest.mark.parametrize("target", ["//evil.example/web", "https://evil.example/", "javascript:alert(1)", "/\\evil"])
def test_login_never_redirects_to_another_site(client, rpc_database, target):
    assert log_in(client, rpc_database, redirect=target).headers["Location"] == "/web"


def test_logging_in_again_gives_a_new_session_id(client, rpc_database):
    log_in(client, rpc_database)
    first = client.get_cookie("session_id").value
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/web").get_data(as_text=True)).group(1)
    response = client.post("/web/login", data={"csrf_token": token, "db": rpc_database, "login": "admin",
                                               "password": "admin"})
    assert response.status_code == 303
    assert client.get_cookie("session_id").value != first


def test_shell_holds_the_session_info_as_json_and_no_inline_script(client, rpc_database):
    log_in(client, rpc_database)
    response = client.get("/web")
    html = response.get_data(as_text=True)
    data = re.search(r'<script type="application/json" id="nexa-session-info">(.*?)</script>', html).group(1)
    assert json.loads(data)["db"] == rpc_database
    scripts = re.findall(r"<script(?P<attrs>[^>]*)>", html)
    assert all("src=" in attrs or "application/json" in attrs for attrs in scripts)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_shell_preloads_the_modules_of_the_first_screen_only(client, rpc_database):
    log_in(client, rpc_database)
    html = client.get("/web").get_data(as_text=True)
    preloaded = re.findall(r'<link rel="modulepreload" href="([^"]+)"', html)
    assert preloaded[0] == "/web/static/src/webclient/view_requests.js"  # what boot.js imports comes first
    assert "/web/static/src/main.js" in preloaded
    assert "/web/static/src/views/list/list_view.js" in preloaded
    assert "/web/static/src/views/form/form_view.js" not in preloaded


def test_logout_needs_the_session_csrf_token(client, rpc_database):
    log_in(client, rpc_database)
    assert client.post("/web/logout").status_code == 403
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/web").get_data(as_text=True)).group(1)
    response = client.post("/web/logout", data={"csrf_token": token})
    assert response.headers["Location"] == "/web/login"
    assert client.get("/web").status_code == 303
