"""The web addon's pages: the client's shell, the login form, logout (werkzeug test client)."""

import base64
import hashlib
import html as html_text
import json
import re
from pathlib import Path

import pytest
from werkzeug.test import Client

from nexa.http.app import Application

pytestmark = pytest.mark.addons("base", "test_web_widgets")
WEB = Path(__file__).resolve().parents[1]


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
    assert all("src=" in attrs or "application/json" in attrs or "importmap" in attrs for attrs in scripts)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_the_import_map_is_the_one_inline_script_the_policy_allows(client, rpc_database):
    log_in(client, rpc_database)
    response = client.get("/web")
    import_map = re.search(r'<script type="importmap">(.*?)</script>', response.get_data(as_text=True)).group(1)
    digest = base64.b64encode(hashlib.sha256(import_map.encode()).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}'" in response.headers["Content-Security-Policy"]


def test_every_module_is_mapped_to_its_versioned_url(client, rpc_database):
    log_in(client, rpc_database)
    html = client.get("/web").get_data(as_text=True)
    imports = json.loads(re.search(r'<script type="importmap">(.*?)</script>', html).group(1))["imports"]
    sources = WEB / "static" / "src"
    expected = {f"/web/{path.relative_to(WEB).as_posix()}" for path in sources.rglob("*.js")}
    assert expected <= set(imports)
    assert all(versioned.startswith(f"{plain}?v=") for plain, versioned in imports.items())
    assert re.search(r'<script type="module" src="/web/static/src/main\.js\?v=[^"]+">', html)


def preloaded(html):
    """The modules the shell has boot.js announce (``data-preload``), in order."""
    return re.search(r'data-preload="([^"]*)"', html).group(1).split()


def test_versioned_files_are_cached_for_a_year_so_a_second_load_asks_for_nothing(client, rpc_database):
    log_in(client, rpc_database)
    html = client.get("/web").get_data(as_text=True)
    urls = [*preloaded(html), *re.findall(r'(?:href|src)="(/web/(?:static|assets)/[^"]+)"', html)]
    assert len(urls) > 10
    for url in urls:
        response = client.get(html_text.unescape(url))
        assert response.status_code == 200, url
        assert "immutable" in response.headers["Cache-Control"] and "max-age=31536000" in response.headers[
            "Cache-Control"], url


def test_shell_preloads_the_modules_of_the_first_screen_only(client, rpc_database):
    log_in(client, rpc_database)
    html = client.get("/web").get_data(as_text=True)
    modules = [url.split("?")[0] for url in preloaded(html)]
    assert modules[0] == "/web/static/src/main.js"
    assert "/web/static/src/views/list/list_view.js" in modules
    assert "/web/static/src/views/form/form_view.js" not in modules
    assert "/web/static/src/views/record.js" not in modules  # editing rows comes later


def test_shell_asks_for_the_style_sheets_in_one_request(client, rpc_database):
    log_in(client, rpc_database)
    html = client.get("/web").get_data(as_text=True)
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == [
        url for url in re.findall(r'<link rel="stylesheet" href="(/web/assets/web\.assets_backend\.css\?[^"]+)"', html)]
    assert len(re.findall(r'rel="stylesheet"', html)) == 1


def test_logout_needs_the_session_csrf_token(client, rpc_database):
    log_in(client, rpc_database)
    assert client.post("/web/logout").status_code == 403
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/web").get_data(as_text=True)).group(1)
    response = client.post("/web/logout", data={"csrf_token": token})
    assert response.headers["Location"] == "/web/login"
    assert client.get("/web").status_code == 303
