"""How the client loads: the first calls leave once and early, every file is versioned, a reload reuses them."""

import re

import pytest
from playwright.sync_api import expect

from addons.web.controllers.boot import view_requests
from nexa.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]

GADGETS = "/web#action=test_web_widgets.action_gadget&view_type=list"
STATIC = re.compile(r"/web/(static|assets)/")
BOOT_CALLS = ("ir.ui.menu/load_menus", "/web/action/boot")
TAKEN_FROM_BOOT = ("/web/action/load", "test.web.gadget/get_views", "test.web.gadget/fields_get")


def requests_of_a_load(page, url):
    """``(method, url)`` of every request made until the list shows its rows."""
    seen = []
    page.on("request", lambda request: seen.append((request.method, request.url)))
    page.goto(url)
    expect(page.locator(".o-list-view .o-data-row").first).to_be_visible()
    return seen


def test_the_first_calls_are_made_once_and_before_any_module(page, database):
    log_in(page, database)
    seen = requests_of_a_load(page.context.new_page(), GADGETS)
    urls = [url for _method, url in seen]
    for call in BOOT_CALLS:
        assert sum(url.endswith(call) for url in urls) == 1, call
    for call in TAKEN_FROM_BOOT:  # the client found boot.js's answers under the keys it computes
        assert not any(url.endswith(call) for url in urls), call
    first_module = next(index for index, url in enumerate(urls) if "/static/src/" in url and "boot.js" not in url
                        and "main.js" not in url)
    assert any(url.endswith("load_menus") for url in urls[:first_module])


def test_every_file_of_the_client_is_asked_for_with_its_version(page, database):
    log_in(page, database)
    urls = [url for _method, url in requests_of_a_load(page.context.new_page(), GADGETS) if STATIC.search(url)]
    assert len(urls) > 20
    assert all("?v=" in url or "&v=" in url for url in urls), [url for url in urls if "v=" not in url]


def test_a_reload_takes_every_file_from_the_browser_cache(page, database):
    log_in(page, database, target=GADGETS)
    expect(page.locator(".o-list-view .o-data-row").first).to_be_visible()
    expect(page.locator("body.o-warm")).to_be_attached()  # the modules of forms and kanbans, fetched in the background
    page.reload()
    expect(page.locator(".o-list-view .o-data-row").first).to_be_visible()
    transferred = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter((entry) => /\\/web\\/(static|assets)\\//.test(entry.name) && entry.transferSize > 0)
        .map((entry) => entry.name)""")
    assert transferred == []


@pytest.mark.parametrize("action", [
    {"views": [[False, "list"], [7, "kanban"], [False, "calendar"]]},
    {"views": [[3, "tree"], [4, "form"]], "search_view_id": [9, "x.search"]},
    {"views": [[False, "form"]], "search_view_id": 5},
    {},
])
def test_the_server_asks_for_the_views_the_client_would(page, action):
    page.goto("/web/login")
    in_browser = page.evaluate("""async (action) => {
        const { viewRequests } = await import("/web/static/src/webclient/view_requests.js");
        return viewRequests(action);
    }""", action)
    assert in_browser == view_requests(action)
