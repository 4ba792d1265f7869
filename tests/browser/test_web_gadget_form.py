"""Form views on gadgets: every widget, modifiers, lines, saving, errors, discarding, shortcuts."""

import base64
import re
import struct
import uuid
import zlib

import pytest
from playwright.sync_api import expect

from nexa.testing.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]



def png_disc(size=96):
    """A PNG of a violet disc on a light background (made here: tests read no image files)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b""
    for y in range(size):
        rows += b"\x00"
        for x in range(size):
            inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 2.6) ** 2
            rows += bytes((92, 84, 224) if inside else (238, 238, 250))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


PNG = png_disc()


def new_gadget(rpc, **values):
    name = values.pop("name", f"Gadget {uuid.uuid4().hex[:8]}")
    return rpc("test.web.gadget", "create", {"name": name, **values}), name


def open_form(page, database, gadget_id):
    log_in(page, database, target=f"/web#action=test_web_widgets.action_gadget&view_type=form&id={gadget_id}")
    expect(page.locator(".o-form-view .o-form-sheet")).to_be_visible()
    return page.locator(".o-form-view")


def read(rpc, gadget_id, *fields):
    return rpc("test.web.gadget", "read", [gadget_id], list(fields))[0]


def choose(page, label, text, option):
    page.get_by_role("combobox", name=label, exact=True).fill(text)
    page.get_by_role("option", name=option).click()


def test_every_widget_is_edited_and_saved(page, database, rpc, artifacts, tmp_path):
    gadget_id, _ = new_gadget(rpc, available=True)
    form = open_form(page, database, gadget_id)
    name = f"Everything {uuid.uuid4().hex[:6]}"
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Reference").fill("EV-1")
    form.get_by_label("Quantity", exact=True).fill("12")
    form.get_by_label("Weight").fill("1.25")
    form.get_by_label("Price", exact=False).first.fill("1234.5")
    form.get_by_label("Release Date").fill("2026-05-17")
    form.get_by_label("Last Check").fill("2026-05-17T09:30")
    form.get_by_label("Available").uncheck()
    choose(page, "Supplier", "Gemini", "Gemini Furniture")
    choose(page, "Tags", "Eco", "Eco")
    choose(page, "Tags", "Frag", "Fragile")
    form.get_by_role("button", name="Remove Eco").click()
    form.get_by_role("tab", name="Description").click()
    form.get_by_role("textbox", name="Description").fill("Bright and small")
    editor = form.get_by_role("textbox", name="Notes")
    editor.click()
    editor.type("Handle with ")
    form.get_by_role("button", name="Bold").click()
    editor.type("care")
    form.get_by_role("tab", name="Files").click()
    manual = tmp_path / "manual.txt"
    manual.write_text("How to use it")
    form.get_by_label("Upload Manual").set_input_files(str(manual))
    expect(form.get_by_text(re.compile(r"manual\.txt · 13 bytes"))).to_be_visible()
    form.get_by_label("Upload Photo").set_input_files(files=[{"name": "p.png", "mimeType": "image/png", "buffer": PNG}])
    expect(form.get_by_role("img", name="Photo")).to_be_visible()
    page.locator(".o-statusbar").get_by_role("button", name="Confirmed").click()
    screenshot(page, artifacts, "09-gadget-form-edited")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Unsaved changes")).to_be_hidden()

    saved = read(rpc, gadget_id, "name", "code", "quantity", "weight", "price", "release_date", "last_check",
                 "available", "partner_id", "tag_ids", "description", "notes", "manual", "manual_name", "photo",
                 "state")
    assert (saved["name"], saved["code"], saved["quantity"], saved["weight"], saved["price"]) == \
        (name, "EV-1", 12, 1.25, 1234.5)
    assert (saved["release_date"], saved["last_check"]) == ("2026-05-17", "2026-05-17 09:30:00")
    assert saved["available"] is False
    assert saved["partner_id"][1] == "Gemini Furniture"
    assert [tag[1] for tag in rpc("test.web.tag", "name_get", saved["tag_ids"])] == ["Fragile"]
    assert saved["description"] == "Bright and small"
    assert "<b>care</b>" in saved["notes"] and "Handle with" in saved["notes"]
    assert base64.b64decode(saved["manual"]) == b"How to use it" and saved["manual_name"] == "manual.txt"
    assert base64.b64decode(saved["photo"]) == PNG
    assert saved["state"] == "confirmed"


def test_many2one_create_and_edit_opens_the_comodel_form_in_a_dialog(page, database, rpc, artifacts):
    gadget_id, _ = new_gadget(rpc)
    form = open_form(page, database, gadget_id)
    supplier = f"Supplier {uuid.uuid4().hex[:6]}"
    form.get_by_role("combobox", name="Supplier").fill(supplier)
    page.get_by_role("option", name="Create and edit…").click()
    dialog = page.get_by_role("dialog", name="Create Supplier")
    expect(dialog.get_by_label("Name", exact=True)).to_have_value(supplier)
    dialog.get_by_label("Email").fill("hello@supplier.test")
    screenshot(page, artifacts, "10-many2one-create-and-edit", full_page=False)
    dialog.get_by_role("button", name="Save & close").click()
    expect(dialog).to_be_hidden()
    expect(form.get_by_role("combobox", name="Supplier")).to_have_value(supplier)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Unsaved changes")).to_be_hidden()
    partner = read(rpc, gadget_id, "partner_id")["partner_id"]
    assert partner[1] == supplier
    assert rpc("res.partner", "read", [partner[0]], ["email"])[0]["email"] == "hello@supplier.test"


def test_one2many_lines_are_added_edited_and_removed(page, database, rpc, artifacts):
    gadget_id, _ = new_gadget(rpc, line_ids=[[0, 0, {"name": "Old part", "quantity": 1, "unit_price": 2.0}],
                                              [0, 0, {"name": "Kept part", "quantity": 1, "unit_price": 3.0}]])
    form = open_form(page, database, gadget_id)
    lines = form.get_by_role("table", name="Parts")
    lines.get_by_role("button", name="Delete line 1").click()
    expect(lines.locator("tbody tr")).to_have_count(1)
    form.get_by_role("button", name="Add a line").click()
    lines.get_by_label("Part (line 2)").fill("New part")
    lines.get_by_label("Quantity (line 2)").fill("4")
    lines.get_by_label("Unit Price (line 2)").fill("2.5")
    lines.get_by_label("Unit Price (line 2)").press("Tab")
    # onchange round-trips: the new line's subtotal (4 × 2.50), then the total of the unsaved lines (3.00 + 10.00)
    expect(lines.locator("tbody tr").nth(1).locator("td[data-name=subtotal]")).to_have_text("10.00")
    expect(form.locator(".o-field[data-name=total]")).to_have_text("13.00")
    lines.get_by_label("Quantity (line 1)").fill("3")
    expect(lines.locator("tfoot td").nth(1)).to_have_text("7")  # quantities 3 + 4, summed in the browser
    lines.get_by_label("Quantity (line 1)").press("Tab")
    expect(lines.locator("tbody tr").nth(0).locator("td[data-name=subtotal]")).to_have_text("9.00")
    expect(form.locator(".o-field[data-name=total]")).to_have_text("19.00")
    expect(lines.locator("tfoot td").nth(3)).to_have_text("19.00")  # the subtotals' sum follows too
    screenshot(page, artifacts, "11-one2many-lines")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Unsaved changes")).to_be_hidden()
    saved = rpc("test.web.gadget.line", "search_read", [["gadget_id", "=", gadget_id]],
                ["name", "quantity", "subtotal"])
    assert sorted((line["name"], line["quantity"], line["subtotal"]) for line in saved) == \
        [("Kept part", 3, 9.0), ("New part", 4, 10.0)]


def test_server_validation_error_is_shown_next_to_the_field(page, database, rpc, artifacts):
    gadget_id, _ = new_gadget(rpc, quantity=5)
    form = open_form(page, database, gadget_id)
    quantity = form.get_by_label("Quantity", exact=True)
    quantity.fill("-3")
    page.get_by_role("button", name="Save").click()
    error = form.locator(".o-field[data-name=quantity] .o-field-error")
    expect(error).to_contain_text("must not be negative")
    expect(quantity).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert").filter(has_text="must not be negative")).to_be_visible()
    screenshot(page, artifacts, "12-validation-error")
    assert read(rpc, gadget_id, "quantity")["quantity"] == 5


def test_required_field_left_empty_is_marked_and_nothing_is_saved(page, database, rpc):
    gadget_id, name = new_gadget(rpc)
    form = open_form(page, database, gadget_id)
    form.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    expect(form.locator(".o-field[data-name=name] .o-field-error")).to_have_text("This field is required")
    expect(form.get_by_label("Name", exact=True)).to_be_focused()
    assert read(rpc, gadget_id, "name")["name"] == name


def test_modifiers_are_evaluated_as_values_change(page, database, rpc):
    gadget_id, _ = new_gadget(rpc, available=True, state="draft")
    form = open_form(page, database, gadget_id)
    weight_row = form.locator(".o-form-row[data-name=weight]")
    expect(weight_row).to_be_visible()
    form.get_by_label("Available").uncheck()
    expect(weight_row).to_be_hidden()
    form.get_by_label("Available").check()
    expect(weight_row).to_be_visible()
    release = form.locator(".o-field[data-name=release_date]")
    expect(release).not_to_have_class(re.compile("o-required"))
    page.locator(".o-statusbar").get_by_role("button", name="Confirmed").click()
    expect(release).to_have_class(re.compile("o-required"))


def test_header_buttons_call_the_model_methods(page, database, rpc):
    gadget_id, _ = new_gadget(rpc, state="draft", release_date="2026-01-01")
    form = open_form(page, database, gadget_id)
    form.get_by_role("button", name="Confirm", exact=True).click()
    expect(page.locator(".o-statusbar li[aria-current=step]")).to_have_text("Confirmed")
    form.get_by_role("button", name="Mark as done").click()
    expect(page.locator(".o-statusbar li[aria-current=step]")).to_have_text("Done")
    expect(form.get_by_role("button", name="Mark as done")).to_be_hidden()
    expect(form.locator(".o-field[data-name=quantity]")).to_have_class(re.compile("o-readonly"))
    assert read(rpc, gadget_id, "state")["state"] == "done"


def test_discard_restores_the_saved_values(page, database, rpc):
    gadget_id, name = new_gadget(rpc)
    form = open_form(page, database, gadget_id)
    form.get_by_label("Name", exact=True).fill("Something else")
    expect(page.get_by_text("Unsaved changes")).to_be_visible()
    page.get_by_role("button", name="Discard").click()
    expect(form.get_by_label("Name", exact=True)).to_have_value(name)
    expect(page.get_by_text("Unsaved changes")).to_be_hidden()


def test_leaving_unsaved_changes_asks_to_save_discard_or_stay(page, database, rpc, artifacts):
    gadget_id, name = new_gadget(rpc)
    form = open_form(page, database, gadget_id)
    form.get_by_label("Name", exact=True).fill(f"{name} changed")
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("list")
    breadcrumbs.get_by_role("link", name="Gadgets").click()
    dialog = page.get_by_role("dialog", name="Unsaved changes")
    expect(dialog).to_be_visible()
    screenshot(page, artifacts, "13-unsaved-changes-warning", full_page=False)
    dialog.get_by_role("button", name="Stay here").click()
    expect(form.get_by_label("Name", exact=True)).to_have_value(f"{name} changed")
    breadcrumbs.get_by_role("link", name="Gadgets").click()
    dialog.get_by_role("button", name="Discard").click()
    expect(page.locator(".o-list-view")).to_be_visible()
    assert read(rpc, gadget_id, "name")["name"] == name


def test_keyboard_shortcuts_save_discard_and_create(page, database, rpc):
    gadget_id, _name = new_gadget(rpc)
    form = open_form(page, database, gadget_id)
    field = form.get_by_label("Reference")
    field.fill("KB-1")
    field.press("Alt+s")
    expect(page.get_by_text("Unsaved changes")).to_be_hidden()
    assert read(rpc, gadget_id, "code")["code"] == "KB-1"
    field.fill("KB-2")
    field.press("Alt+j")
    expect(field).to_have_value("KB-1")
    field.press("Alt+c")
    expect(page.locator(".o-breadcrumb-current")).to_have_text("New")
    expect(form.get_by_label("Name", exact=True)).to_have_value("")


def test_duplicate_and_delete_from_the_actions_menu(page, database, rpc):
    gadget_id, _name = new_gadget(rpc, code="DUP")
    open_form(page, database, gadget_id)
    page.get_by_role("button", name="Actions").click()
    page.get_by_role("menuitem", name="Duplicate").click()
    expect(page).to_have_url(re.compile(rf"[&#]id=(?!{gadget_id}\b)\d+"))
    copy_id = int(re.search(r"[&#]id=(\d+)", page.url).group(1))
    assert copy_id != gadget_id and read(rpc, copy_id, "code")["code"] == "DUP"
    page.get_by_role("button", name="Actions").click()
    page.get_by_role("menuitem", name="Delete").click()
    page.get_by_role("dialog", name="Delete record").get_by_role("button", name="Delete").click()
    expect(page.locator(".o-list-view")).to_be_visible()
    assert rpc("test.web.gadget", "search_count", [["id", "=", copy_id]]) == 0


def test_binary_file_downloads_with_its_name(page, database, rpc):
    content = base64.b64encode(b"manual content").decode()
    gadget_id, _ = new_gadget(rpc, manual=content, manual_name="guide.txt")
    form = open_form(page, database, gadget_id)
    form.get_by_role("tab", name="Files").click()
    with page.expect_download() as download:
        form.get_by_role("button", name="Download Manual").click()
    assert download.value.suggested_filename == "guide.txt"
    assert download.value.path().read_bytes() == b"manual content"


def test_stored_total_of_the_demo_data_shows_the_sum_of_its_lines(page, database, rpc):
    lamp = rpc("test.web.gadget", "search", [["code", "=", "G-100"]], limit=1)[0]  # demo: 1 × 12.50 + 2 × 4.25
    form = open_form(page, database, lamp)
    expect(form.locator(".o-field[data-name=total]")).to_have_text("21.00")
    expect(form.get_by_role("table", name="Parts").locator("tfoot td").nth(3)).to_have_text("21.00")
