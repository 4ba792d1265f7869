"""Data is text, never markup: names holding HTML show as typed, and nothing in them runs."""

import pytest
from playwright.sync_api import expect

from nexa.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]

HOSTILE = '<img src=x onerror="window.__pwned = 1">"><script>window.__pwned = 2</script>'


def test_markup_in_record_values_is_shown_as_text_in_every_view(page, database, rpc):
    gadget_id = rpc("test.web.gadget", "create", {"name": HOSTILE, "code": "<b>bold?</b>",
                                                   "notes": '<p>ok</p><img src=x onerror="window.__pwned = 3">'})
    log_in(page, database, target="/web#action=test_web_widgets.action_gadget")
    expect(page.locator(".o-data-row").first).to_be_visible()
    page.get_by_role("combobox", name="Search").fill("<b>bold?</b>")
    page.get_by_role("option").first.click()
    expect(page.locator(".o-data-row")).to_have_count(1)
    expect(page.locator(".o-data-row td[data-name=name]")).to_have_text(HOSTILE)
    page.get_by_role("button", name="Kanban view").click()
    expect(page.locator(".o-kanban-card strong")).to_have_text(HOSTILE)
    page.goto(f"/web#action=test_web_widgets.action_gadget&view_type=form&id={gadget_id}")
    expect(page.locator(".o-breadcrumb-current")).to_have_text(HOSTILE)
    expect(page.get_by_label("Name", exact=True)).to_have_value(HOSTILE)
    page.get_by_role("tab", name="Description").click()
    expect(page.get_by_role("textbox", name="Notes")).to_have_text("ok")
    inline_code = "script:not([src]):not([type='application/json']):not([type='importmap'])"
    assert page.locator(f"img[src=x], {inline_code}").count() == 0
    assert page.evaluate("window.__pwned") is None
