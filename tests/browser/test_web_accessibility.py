"""WCAG 2.1 AA with axe-core: no serious or critical violation on login (both steps), list, form and kanban."""

import pytest
from playwright.sync_api import expect

from nexa.testing.browser import accessibility_violations, describe_violations, log_in, submit_login_form

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]

GADGETS = "/web#action=test_web_widgets.action_gadget"


def assert_accessible(page):
    violations = accessibility_violations(page)
    assert not violations, describe_violations(violations)


def test_login_page_has_no_serious_accessibility_violation(page):
    page.goto("/web/login")
    assert_accessible(page)


def test_list_view_has_no_serious_accessibility_violation(page, database):
    log_in(page, database, target=f"{GADGETS}&view_type=list")
    expect(page.locator(".o-data-row").first).to_be_visible()
    page.locator(".o-data-row").first.get_by_role("checkbox").check()  # with the selection toolbar
    assert_accessible(page)


def test_grouped_list_with_open_menu_has_no_serious_accessibility_violation(page, database):
    log_in(page, database, target=f"{GADGETS}&view_type=list")
    page.get_by_role("button", name="Group By").click()
    page.get_by_role("menuitemcheckbox", name="Stage").click()
    page.get_by_role("button", name="New (", exact=False).first.click()
    expect(page.locator(".o-data-row").first).to_be_visible()
    assert_accessible(page)


def test_form_view_has_no_serious_accessibility_violation(page, database, rpc):
    gadget_id = rpc("test.web.gadget", "search", [], limit=1)[0]
    log_in(page, database, target=f"{GADGETS}&view_type=form&id={gadget_id}")
    expect(page.locator(".o-form-sheet")).to_be_visible()
    page.get_by_label("Reference").fill("A11Y")  # dirty: save and discard buttons shown
    assert_accessible(page)


def test_form_dialog_has_no_serious_accessibility_violation(page, database, rpc):
    gadget_id = rpc("test.web.gadget", "search", [], limit=1)[0]
    log_in(page, database, target=f"{GADGETS}&view_type=form&id={gadget_id}")
    page.get_by_role("combobox", name="Supplier").fill("Someone new")
    page.get_by_role("option", name="Create and edit…").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert_accessible(page)


def test_kanban_view_has_no_serious_accessibility_violation(page, database):
    log_in(page, database, target=f"{GADGETS}&view_type=kanban")
    expect(page.locator(".o-kanban-card").first).to_be_visible()
    assert_accessible(page)


def test_two_factor_code_page_has_no_serious_accessibility_violation(page, database, totp_user):
    page.goto("/web/login")
    submit_login_form(page, database, totp_user["login"], totp_user["password"])
    expect(page.get_by_label("Authentication code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Authentication code").fill("000000")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)  # with the error
