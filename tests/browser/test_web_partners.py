"""The partners user story: menu, search, filter, group, sort, open, edit, related record, history."""

import re

import pytest
from playwright.sync_api import expect

from nexa.testing.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]


def open_contacts_list(page):
    page.get_by_role("button", name="Apps").click()
    page.get_by_role("menuitem", name="Contacts").click()
    expect(page.locator(".o-kanban-view")).to_be_visible()
    page.get_by_role("button", name="List view").click()
    expect(page.locator(".o-list-view .o-data-row").first).to_be_visible()


def rows(page):
    return page.locator(".o-list-view .o-data-row")


def test_partner_story_search_filter_group_sort(page, database, artifacts):
    log_in(page, database)
    open_contacts_list(page)
    search = page.get_by_role("combobox", name="Search")
    search.fill("Azure")
    expect(page.get_by_role("option").first).to_contain_text("Search Name for: Azure")
    page.get_by_role("option", name="Search Email for: Azure").click()
    expect(page.locator(".o-facet")).to_have_text(re.compile("Email.*Azure"))
    expect(rows(page)).to_have_count(1)
    page.get_by_role("button", name="Remove Email: Azure").click()
    search.fill("Azure")
    search.press("Enter")  # the first proposal: the name
    expect(rows(page)).to_have_count(2)
    screenshot(page, artifacts, "02-partners-search")
    page.get_by_role("button", name="Remove Name: Azure").click()

    page.get_by_role("button", name="Filters").click()
    page.get_by_role("menuitemcheckbox", name="Companies").click()
    expect(page.locator(".o-facet")).to_have_text(re.compile("Companies"))
    expect(page).to_have_url(re.compile(r"search=.*type_company"))
    company_count = rows(page).count()
    assert company_count >= 5
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Group By").click()
    page.get_by_role("menuitemcheckbox", name="Country").click()
    page.keyboard.press("Escape")
    belgium = page.get_by_role("button", name=re.compile(r"^Belgium \(\d+\)"))
    expect(belgium).to_have_attribute("aria-expanded", "false")
    belgium.click()
    expect(belgium).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".o-data-row", has_text="Azure Interior")).to_be_visible()
    screenshot(page, artifacts, "03-partners-grouped")
    belgium.click()
    expect(page.locator(".o-data-row", has_text="Azure Interior")).to_have_count(0)
    page.get_by_role("button", name=re.compile("Remove Group by")).click()

    name_header = page.get_by_role("columnheader", name="Name")
    name_header.get_by_role("button").click()
    expect(name_header).to_have_attribute("aria-sort", "ascending")
    first_ascending = rows(page).first.locator("td").nth(1).text_content()
    name_header.get_by_role("button").click()
    expect(name_header).to_have_attribute("aria-sort", "descending")
    expect(rows(page).first.locator("td").nth(1)).not_to_have_text(first_ascending)
    names = [text.strip() for text in rows(page).locator("td:nth-child(2)").all_text_contents()]
    assert names == sorted(names, reverse=True)


def test_partner_story_edit_related_record_and_history(page, database, rpc, artifacts):
    log_in(page, database)
    open_contacts_list(page)
    page.locator(".o-data-row", has_text="Deco Addict").click()
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("list")
    expect(breadcrumbs).to_have_text(re.compile("Contacts.*Deco Addict"))
    expect(page).to_have_url(re.compile(r"view_type=form&id=\d+"))
    phone = page.get_by_label("Phone")
    phone.fill("+33 1 23 45 67 89")
    expect(page.get_by_text("Unsaved changes")).to_be_visible()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Unsaved changes")).to_be_hidden()
    partner_id = int(re.search(r"id=(\d+)", page.url).group(1))
    assert rpc("res.partner", "read", [partner_id], ["phone"])[0]["phone"] == "+33 1 23 45 67 89"

    page.get_by_role("button", name="Open Country").click()
    expect(breadcrumbs).to_have_text(re.compile("Contacts.*Deco Addict.*France"))
    screenshot(page, artifacts, "04-partner-related-record")
    page.go_back()
    expect(breadcrumbs).to_have_text(re.compile("Deco Addict$"))
    expect(page.get_by_label("Phone")).to_have_value("+33 1 23 45 67 89")
    page.go_forward()
    expect(breadcrumbs).to_have_text(re.compile("Contacts.*Deco Addict.*France$"))

    breadcrumbs.get_by_role("link", name="Deco Addict").click()
    expect(breadcrumbs).to_have_text(re.compile("Contacts.*Deco Addict$"))
    expect(page).to_have_url(re.compile(rf"view_type=form&id={partner_id}"))
    page.reload()  # a deep link: the same record, with its list below in the breadcrumbs
    expect(breadcrumbs).to_have_text(re.compile("Contacts.*Deco Addict$"))
    breadcrumbs.get_by_role("link", name="Contacts").click()
    expect(rows(page).first).to_be_visible()
