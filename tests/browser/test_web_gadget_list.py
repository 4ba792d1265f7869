"""List views on gadgets: pages, sorting, selection and bulk actions, sums, groups, editing in place."""

import csv
import io
import re
import uuid

import pytest
from playwright.sync_api import expect

from nexa.testing.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]


def open_gadgets(page, database):
    log_in(page, database, target="/web#action=test_web_widgets.action_gadget")
    expect(page.locator(".o-list-view .o-data-row").first).to_be_visible()


def search_name(page, text, expected_rows):
    search = page.get_by_role("combobox", name="Search")
    search.fill(text)
    page.get_by_role("option", name=f"Search Name for: {text}").click()
    expect(page.locator(".o-data-row")).to_have_count(expected_rows)


def make_gadgets(rpc, prefix, count, **values):
    return [rpc("test.web.gadget", "create", {"name": f"{prefix} {index}", "quantity": index + 1, "price": 10.5,
                                               **values}) for index in range(count)]


def test_pager_shows_the_record_count_and_moves_between_pages(page, database, rpc, artifacts):
    total = rpc("test.web.gadget", "search_count", [])
    open_gadgets(page, database)
    pager = page.get_by_role("group", name="Pager")
    expect(pager).to_contain_text(f"1-10 / {total}")
    expect(page.locator(".o-data-row")).to_have_count(10)
    screenshot(page, artifacts, "05-gadgets-list")
    pager.get_by_role("button", name="Next page").click()
    expect(pager).to_contain_text(f"11-20 / {total}")
    pager.get_by_role("button", name="Previous page").click()
    expect(pager).to_contain_text(f"1-10 / {total}")


def test_clicking_a_header_sorts_and_clicking_again_reverses(page, database):
    open_gadgets(page, database)
    header = page.get_by_role("columnheader", name="Quantity")
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    quantities = [int(text) for text in page.locator(".o-data-row td[data-name=quantity]").all_text_contents()]
    assert quantities == sorted(quantities)
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(page.locator(".o-data-row td[data-name=quantity]").first).not_to_have_text(str(quantities[0]))
    quantities = [int(text) for text in page.locator(".o-data-row td[data-name=quantity]").all_text_contents()]
    assert quantities == sorted(quantities, reverse=True)


def test_footer_sums_quantities_and_prices_of_the_shown_records(page, database, rpc):
    prefix = f"Sum {uuid.uuid4().hex[:6]}"
    make_gadgets(rpc, prefix, 3)  # quantities 1, 2, 3 at 10.50 each
    open_gadgets(page, database)
    search_name(page, prefix, 3)
    expect(page.locator("tfoot td[data-name=quantity]")).to_have_text("6")
    expect(page.locator("tfoot td[data-name=price]")).to_have_text(re.compile(r"31\.50"))


def test_selected_records_are_archived_in_bulk(page, database, rpc):
    prefix = f"Archive {uuid.uuid4().hex[:6]}"
    ids = make_gadgets(rpc, prefix, 3)
    open_gadgets(page, database)
    search_name(page, prefix, 3)
    page.get_by_role("checkbox", name="Select all records on this page").check()
    expect(page.get_by_text("3 selected")).to_be_visible()
    page.get_by_role("button", name="Archive", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="3 records archived")).to_be_visible()
    expect(page.locator(".o-data-row")).to_have_count(0)
    assert rpc("test.web.gadget", "search_count", [["id", "in", ids], ["active", "=", False]]) == 3


def test_selected_records_are_deleted_after_confirmation(page, database, rpc, artifacts):
    prefix = f"Delete {uuid.uuid4().hex[:6]}"
    ids = make_gadgets(rpc, prefix, 3)
    open_gadgets(page, database)
    search_name(page, prefix, 3)
    for row in page.locator(".o-data-row").all()[:2]:
        row.get_by_role("checkbox").check()
    page.get_by_role("button", name="Delete", exact=True).click()
    dialog = page.get_by_role("dialog", name="Delete records")
    expect(dialog).to_contain_text("Delete 2 records?")
    screenshot(page, artifacts, "06-bulk-delete-confirmation")
    dialog.get_by_role("button", name="Delete", exact=True).click()
    expect(page.locator(".o-data-row")).to_have_count(1)
    assert rpc("test.web.gadget", "search_count", [["id", "in", ids]]) == 1


def test_selected_records_are_exported_as_csv(page, database, rpc):
    prefix = f"Export {uuid.uuid4().hex[:6]}"
    make_gadgets(rpc, prefix, 2)
    open_gadgets(page, database)
    search_name(page, prefix, 2)
    page.get_by_role("checkbox", name="Select all records on this page").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export", exact=True).click()
    assert download.value.suggested_filename == "test_web_gadget.csv"
    content = download.value.path().read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(content)))
    assert table[0][:2] == ["Name", "Reference"]
    assert sorted(row[0] for row in table[1:]) == [f"{prefix} 0", f"{prefix} 1"]


def test_grouped_list_shows_counts_and_folds_groups(page, database, rpc, artifacts):
    open_gadgets(page, database)
    page.get_by_role("button", name="Group By").click()
    page.get_by_role("menuitemcheckbox", name="Status").click()
    page.keyboard.press("Escape")
    drafts = rpc("test.web.gadget", "search_count", [["state", "=", "draft"]])
    group = page.get_by_role("button", name=f"Draft ({drafts})")
    expect(group).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".o-data-row")).to_have_count(0)
    group.click()
    expect(page.locator(".o-data-row")).to_have_count(min(drafts, 80))
    screenshot(page, artifacts, "07-gadgets-grouped")
    group.click()
    expect(page.locator(".o-data-row")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"search=.*groupBy.*state"))


def test_editable_list_creates_and_edits_rows_in_place(page, database, rpc, artifacts):
    name = f"Stage {uuid.uuid4().hex[:6]}"
    log_in(page, database, target="/web#action=test_web_widgets.action_stage")
    expect(page.locator(".o-data-row").first).to_be_visible()
    page.get_by_role("button", name="New").click()
    row = page.locator(".o-editing-row")
    row.get_by_label("Name").fill(name)
    screenshot(page, artifacts, "08-editable-list")
    row.get_by_label("Name").press("Enter")
    expect(page.locator(".o-data-row", has_text=name)).to_be_visible()
    assert rpc("test.web.stage", "search_count", [["name", "=", name]]) == 1

    page.locator(".o-data-row", has_text=name).locator("td[data-name=name]").click()
    editing = page.locator(".o-editing-row")
    editing.get_by_label("Name").fill(f"{name} renamed")
    editing.get_by_role("button", name="Save the line").click()
    expect(page.locator(".o-data-row", has_text=f"{name} renamed")).to_be_visible()
    assert rpc("test.web.stage", "search_count", [["name", "=", f"{name} renamed"]]) == 1
