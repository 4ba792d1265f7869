"""One response for the style sheets of the client's bundle: content, versions, caching."""

import re

import pytest
from werkzeug.test import Client

from addons.web.controllers.style_bundle import absolute_urls
from nexa.http.app import Application

pytestmark = pytest.mark.addons("base", "test_web_widgets")
BUNDLE = "/web/assets/web.assets_backend.css"


@pytest.fixture
def client(nexa_runtime):
    return Client(Application(nexa_runtime))


def test_the_bundle_joins_every_style_sheet_in_order(client):
    css = client.get(f"{BUNDLE}?addons=web").get_data(as_text=True)
    files = re.findall(r"^/\* (/web/static/src/css/\w+\.css) \*/$", css, re.MULTILINE)
    assert files[0] == "/web/static/src/css/base.css" and "/web/static/src/css/list.css" in files
    assert ".o-btn" in css


def test_the_current_version_is_cached_for_a_year(client):
    etag = client.get(f"{BUNDLE}?addons=web").headers["ETag"].strip('"')
    response = client.get(f"{BUNDLE}?addons=web&v={etag}")
    assert "immutable" in response.headers["Cache-Control"] and "max-age=31536000" in response.headers["Cache-Control"]


def test_another_version_is_revalidated_with_its_etag(client):
    response = client.get(f"{BUNDLE}?addons=web&v=old")
    assert response.headers["Cache-Control"] == "no-cache"
    again = client.get(f"{BUNDLE}?addons=web", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("query", ["?addons=web,nope", "?addons=", ""])
def test_unknown_or_missing_addons_are_not_found(client, query):
    assert client.get(f"{BUNDLE}{query}").status_code == 404


def test_another_bundle_name_is_not_found(client):
    assert client.get("/web/assets/web.assets_frontend.css?addons=web").status_code == 404


def test_relative_urls_are_made_absolute_and_others_kept():
    css = 'a{background:url("../img/a.png")} b{background:url(x.svg)} c{background:url(data:image/png;base64,AA)}' \
          ' d{background:url(/web/static/img/logo.svg)} e{background:url("https://example.com/x.png")}'
    result = absolute_urls(css, "/shop/static/src/css/shop.css")
    assert 'url("/shop/static/src/img/a.png")' in result and "url(/shop/static/src/css/x.svg)" in result
    assert "url(data:image/png;base64,AA)" in result and "url(/web/static/img/logo.svg)" in result
    assert 'url("https://example.com/x.png")' in result
