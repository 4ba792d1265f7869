"""Feedback while working: a loading indicator for slow calls, notifications that can be closed."""

import time

import pytest
from playwright.sync_api import expect

from nexa.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]


def test_slow_call_shows_the_loading_indicator_until_it_answers(page, database):
    log_in(page, database, target="/web#action=test_web_widgets.action_gadget")
    expect(page.locator(".o-data-row").first).to_be_visible()

    def slow(route):
        time.sleep(0.8)
        route.continue_()

    page.route("**/web/dataset/call_kw/test.web.gadget/search_read", slow)
    page.get_by_role("button", name="Next page").click()
    indicator = page.get_by_role("status").filter(has_text="Loading…")
    expect(indicator).to_be_visible()
    expect(page.locator("main")).to_have_attribute("aria-busy", "true")
    expect(indicator).to_be_hidden()
    expect(page.locator("main")).not_to_have_attribute("aria-busy", "true")


def test_notifications_can_be_closed(page, database, rpc):
    gadget_id = rpc("test.web.gadget", "create", {"name": "Toast", "code": "TST"})
    log_in(page, database, target=f"/web#action=test_web_widgets.action_gadget&view_type=form&id={gadget_id}")
    page.get_by_role("button", name="Actions").click()
    page.get_by_role("menuitem", name="Duplicate").click()
    toast = page.locator(".o-toast", has_text="Record duplicated")
    expect(toast).to_be_visible()
    toast.get_by_role("button", name="Close notification").click()
    expect(toast).to_be_hidden()
