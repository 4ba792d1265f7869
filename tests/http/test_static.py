"""Static files of addons: served with the right type and validators, nothing outside static/."""

import pytest
from werkzeug.test import Client

from nexa.http.app import Application
from nexa.http.static import mimetype_of, resolve_static_path, static_etag


@pytest.fixture(scope="module")
def client(nexa_runtime):
    return Client(Application(nexa_runtime))


def test_javascript_module_is_served_as_javascript_with_an_etag(client):
    response = client.get("/web/static/src/core/dom.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["ETag"] and response.headers["Cache-Control"] == "no-cache"


def test_unchanged_file_answers_304_to_its_etag(client):
    etag = client.get("/web/static/src/core/dom.js").headers["ETag"]
    response = client.get("/web/static/src/core/dom.js", headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_url_pinned_to_the_current_version_is_cached_for_a_year(nexa_runtime, client):
    version = static_etag(nexa_runtime.addons["web"].path, "src/css/base.css")
    response = client.get(f"/web/static/src/css/base.css?v={version}")
    assert response.cache_control.max_age == 365 * 24 * 3600 and response.cache_control.immutable


def test_url_pinned_to_an_old_version_is_not_cached_for_long(client):
    response = client.get("/web/static/src/css/base.css?v=old")
    assert response.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/web/static/../manifest.yaml", "/web/static/src/%2e%2e/%2e%2e/manifest.yaml",
                                  "/web/static/.hidden", "/web/static/src//core/dom.js", "/web/static/src"])
def test_paths_leaving_the_static_folder_or_hidden_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_unknown_addon_is_not_found(client):
    assert client.get("/no_such_addon/static/x.js").status_code == 404


def test_svg_is_served_sandboxed(client):
    response = client.get("/web/static/img/logo.svg")
    assert response.mimetype == "image/svg+xml"
    assert response.headers["Content-Security-Policy"].startswith("sandbox")


def test_resolve_static_path_refuses_a_symbolic_link_leading_out(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "secret.txt").write_text("no")
    (tmp_path / "static" / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(Exception, match="No static file"):
        resolve_static_path(tmp_path, "link.txt")


def test_module_mimetypes_do_not_depend_on_the_system_table(tmp_path):
    assert mimetype_of(tmp_path / "a.mjs") == "text/javascript"
    assert mimetype_of(tmp_path / "font.woff2") == "font/woff2"


def test_static_files_neither_read_nor_set_the_session(client, monkeypatch):
    app = client.application
    monkeypatch.setattr(app.sessions, "load", lambda *args: pytest.fail("a static file loaded the session"))
    client.set_cookie("session_id", "some_db~" + "a" * 64, domain="localhost")
    for url in ("/web/static/src/core/dom.js", "/web/assets/web.assets_backend.css?addons=web"):
        response = client.get(url)
        assert response.status_code == 200 and "Set-Cookie" not in response.headers, url
