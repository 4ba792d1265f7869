"""The client on a phone-sized screen: the menu folds behind a button, lists scroll, forms stack."""

import pytest
from playwright.sync_api import expect

from nexa.testing.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]

PHONE = {"width": 390, "height": 844}


def test_phone_menu_opens_from_the_menu_button(page, database, artifacts):
    page.set_viewport_size(PHONE)
    log_in(page, database)
    expect(page.locator(".o-data-row").first).to_be_visible()  # the first app's list, under the menu
    sections = page.get_by_role("navigation", name="Gadgets menu")
    expect(sections).to_be_hidden()
    page.get_by_role("button", name="Show the menu").click()
    expect(sections).to_be_visible()
    screenshot(page, artifacts, "15-phone-menu", full_page=False)
    sections.get_by_role("button", name="Gadgets").click()
    expect(sections).to_be_hidden()
    expect(page.locator(".o-data-row").first).to_be_visible()


def test_phone_layout_keeps_the_page_within_the_screen_width(page, database, rpc, artifacts):
    page.set_viewport_size(PHONE)
    gadget_id = rpc("test.web.gadget", "search", [["name", "=", "Solar Lamp"]], limit=1)[0]
    log_in(page, database, target=f"/web#action=test_web_widgets.action_gadget&view_type=form&id={gadget_id}")
    expect(page.locator(".o-form-sheet")).to_be_visible()
    label = page.locator(".o-form-row[data-name=code] .o-form-label").bounding_box()
    field = page.get_by_label("Reference").bounding_box()
    assert field["y"] > label["y"] + label["height"] - 1  # the label above its field, not beside it
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, artifacts, "16-phone-form")
    page.goto("/web#action=test_web_widgets.action_gadget&view_type=list")
    expect(page.locator(".o-data-row").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, artifacts, "17-phone-list")
