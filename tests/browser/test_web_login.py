"""Logging in and out of the web client, and what happens when the session expires."""

import re
import time

import pytest
from playwright.sync_api import expect

from nexa.security.totp import totp
from nexa.testing.browser import log_in, screenshot, submit_login_form

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]


def test_web_without_session_redirects_to_the_login_form(page):
    page.goto("/web")
    expect(page).to_have_url(re.compile(r"/web/login\?redirect=/web"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_login_form_offers_a_database_selector_when_there_are_several(page, database, nexa_databases, artifacts):
    second = nexa_databases.new("web_login_second")
    try:
        page.goto("/web/login")
        options = page.get_by_label("Database").locator("option").all_text_contents()
        screenshot(page, artifacts, "01-login")
    finally:
        nexa_databases.drop(second)
    assert {database, second} <= set(options)


def test_wrong_password_shows_an_error_on_the_form(page, database):
    page.goto("/web/login")
    submit_login_form(page, database, "admin", "not the password")
    expect(page.get_by_role("alert")).to_have_text("Wrong login or password")
    expect(page.get_by_label("Email or login")).to_have_value("admin")


def test_login_opens_the_first_app_and_logout_returns_to_the_login_form(page, database):
    log_in(page, database)
    expect(page).to_have_url(re.compile(r"/web#action=\d+"))
    page.get_by_role("button", name=re.compile("user menu")).click()
    page.get_by_role("menuitem", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/web/login$"))
    page.goto("/web")
    expect(page).to_have_url(re.compile(r"/web/login"))


def test_login_goes_back_to_the_page_asked_for(page, database):
    log_in(page, database, target="/web#model=res.partner&id=3&view_type=form")
    expect(page).to_have_url(re.compile(r"/web#model=res.partner&view_type=form&id=3$"))
    expect(page.locator(".o-breadcrumb-current")).to_have_text("Azure Interior")


def test_expired_session_asks_to_log_in_again_and_comes_back(page, database):
    log_in(page, database)
    expect(page.locator(".o-list-view .o-data-row").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    url = page.url
    page.evaluate("""() => fetch('/web/session/destroy', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                 body: JSON.stringify({jsonrpc: '2.0', method: 'call', params: {}})})""")
    page.locator(".o-list-sort", has_text="Name").click()  # the next call meets the expired session
    dialog = page.get_by_role("dialog", name="Session expired")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Log in again").click()
    expect(page).to_have_url(re.compile(r"/web/login\?redirect="))
    log_in(page, database, start=page.url)
    expect(page).to_have_url(url)
    expect(page.locator(".o-list-view")).to_be_visible()


def test_two_factor_login_asks_for_the_code_and_refuses_a_wrong_one(page, database, totp_user, artifacts):
    page.goto("/web/login?redirect=/web%23action=test_web_widgets.action_gadget")
    submit_login_form(page, database, totp_user["login"], totp_user["password"])
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    code = page.get_by_label("Authentication code")
    expect(code).to_be_focused()
    valid = {totp(totp_user["secret"], time.time() + 30 * step) for step in range(-2, 4)}
    code.fill(next(c for c in ("123456", "654321", "111111") if c not in valid))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong code")
    expect(page.get_by_role("alert")).to_contain_text("4 attempts left")
    expect(page.get_by_label("Authentication code")).to_have_attribute("aria-invalid", "true")
    screenshot(page, artifacts, "18-login-two-factor-code")
    page.get_by_label("Authentication code").fill(totp(totp_user["secret"], time.time() + 30))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_selector("body.o-ready")
    expect(page).to_have_url(re.compile(r"/web#action="))
    expect(page.locator(".o-list-view .o-data-row").first).to_be_visible()


def test_two_factor_login_accepts_a_recovery_code(page, database, totp_user):
    page.goto("/web/login")
    submit_login_form(page, database, totp_user["login"], totp_user["password"])
    page.get_by_label("Authentication code").fill(totp_user["recovery_codes"][0])
    page.get_by_role("button", name="Verify").click()
    page.wait_for_selector("body.o-ready")
    expect(page.get_by_role("button", name=re.compile("user menu"))).to_be_visible()


def test_an_older_login_tab_still_logs_in_after_a_newer_one_loaded(page, database):
    older = page
    older.goto("/web/login")
    newer = page.context.new_page()
    newer.goto("/web/login")  # the same browser loads the form again: the token must stay the same
    newer.close()
    submit_login_form(older, database, "admin", "admin")
    older.wait_for_selector("body.o-ready")
    expect(older).to_have_url(re.compile(r"/web#"))
