"""Kanban views on gadgets: cards in stage columns; moving a card writes its stage."""

import uuid

import pytest
from playwright.sync_api import expect

from nexa.testing.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]


def open_kanban(page, database):
    log_in(page, database, target="/web#action=test_web_widgets.action_gadget&view_type=kanban")
    expect(page.locator(".o-kanban-column").first).to_be_visible()


def column(page, stage):
    return page.get_by_role("region", name=stage, exact=True)


def stage_id(rpc, name):
    return rpc("test.web.stage", "search", [["name", "=", name]])[0]


def test_cards_are_grouped_in_stage_columns_with_counts(page, database, rpc, artifacts):
    open_kanban(page, database)
    for stage in ("New", "In Progress", "Done"):
        count = rpc("test.web.gadget", "search_count", [["stage_id", "=", stage_id(rpc, stage)]])
        expect(column(page, stage).locator(".o-kanban-count")).to_have_text(str(count))
    titles = [title.strip() for title in page.locator(".o-kanban-column-title").all_text_contents()]
    assert titles.index("New") < titles.index("In Progress") < titles.index("Done")
    screenshot(page, artifacts, "14-gadgets-kanban")


def test_dragging_a_card_to_another_column_writes_the_stage(page, database, rpc):
    name = f"Drag {uuid.uuid4().hex[:6]}"
    gadget_id = rpc("test.web.gadget", "create", {"name": name, "stage_id": stage_id(rpc, "New")})
    open_kanban(page, database)
    card = column(page, "New").locator(".o-kanban-card", has_text=name)
    card.drag_to(column(page, "Done"), target_position={"x": 150, "y": 20})  # onto the column's header
    expect(column(page, "Done").locator(".o-kanban-card", has_text=name)).to_be_visible()
    expect(column(page, "New").locator(".o-kanban-card", has_text=name)).to_have_count(0)
    assert rpc("test.web.gadget", "read", [gadget_id], ["stage_id"])[0]["stage_id"][1] == "Done"


def test_alt_arrow_moves_the_focused_card_to_the_next_column(page, database, rpc):
    name = f"Keys {uuid.uuid4().hex[:6]}"
    gadget_id = rpc("test.web.gadget", "create", {"name": name, "stage_id": stage_id(rpc, "New")})
    open_kanban(page, database)
    column(page, "New").locator(".o-kanban-card", has_text=name).press("Alt+ArrowRight")
    moved = column(page, "In Progress").locator(".o-kanban-card", has_text=name)
    expect(moved).to_be_focused()
    assert rpc("test.web.gadget", "read", [gadget_id], ["stage_id"])[0]["stage_id"][1] == "In Progress"


def test_clicking_a_card_opens_its_form(page, database, rpc):
    name = f"Open {uuid.uuid4().hex[:6]}"
    rpc("test.web.gadget", "create", {"name": name, "stage_id": stage_id(rpc, "New")})
    open_kanban(page, database)
    page.locator(".o-kanban-card", has_text=name).click()
    expect(page.locator(".o-breadcrumb-current")).to_have_text(name)
