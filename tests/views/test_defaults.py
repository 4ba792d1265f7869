"""Default archs for models without views."""

from __future__ import annotations

import pytest

from nexa.views.arch import ViewError
from nexa.views.defaults import default_arch
from nexa.views.validate import validate_view

FIELDS = {
    "id": {"type": "integer", "string": "ID"},
    "display_name": {"type": "char", "string": "Display Name", "store": False},
    "create_date": {"type": "datetime", "string": "Created on"},
    "name": {"type": "char", "string": "Name"},
    "partner_id": {"type": "many2one", "relation": "res.partner", "string": "Customer"},
    "state": {"type": "selection", "string": "Status"},
    "amount": {"type": "float", "string": "Amount"},
    "qty": {"type": "integer", "string": "Quantity"},
    "date": {"type": "date", "string": "Date"},
    "note": {"type": "html", "string": "Note"},
    "code": {"type": "char", "string": "Code"},
    "ref": {"type": "char", "string": "Ref"},
    "total": {"type": "monetary", "string": "Total", "store": False},
    "line_ids": {"type": "one2many", "relation": "x.line", "string": "Lines"},
    "tag_ids": {"type": "many2many", "relation": "x.tag", "string": "Tags"},
    "active": {"type": "boolean", "string": "Active"},
}


def names(arch, path: str = ".//field") -> list[str]:
    return [node.get("name") for node in arch.findall(path)]


def test_form_groups_every_stored_non_technical_field_with_rec_name_first():
    arch = default_arch("form", FIELDS, rec_name="name")
    assert names(arch, "sheet/group/field") == [
        "name", "partner_id", "state", "amount", "qty", "date", "note", "code", "ref", "active",
    ]  # fmt: skip


def test_form_has_a_notebook_page_per_x2many():
    pages = default_arch("form", FIELDS, rec_name="name").findall("sheet/notebook/page")
    assert [(page.get("name"), page.get("string"), names(page, "field")) for page in pages] == [
        ("line_ids", "Lines", ["line_ids"]),
        ("tag_ids", "Tags", ["tag_ids"]),
    ]


def test_form_without_x2many_has_no_notebook():
    assert default_arch("form", {"name": {"type": "char"}}, rec_name="name").find("sheet/notebook") is None


def test_list_shows_rec_name_and_six_simple_fields():
    arch = default_arch("list", FIELDS, rec_name="name")
    assert arch.tag == "list"
    assert names(arch, "field") == ["name", "partner_id", "state", "amount", "qty", "date", "code"]


def test_tree_is_accepted_for_list():
    assert default_arch("tree", FIELDS, rec_name="name").tag == "list"


def test_missing_rec_name_falls_back_to_display_name():
    assert names(default_arch("list", FIELDS, rec_name="title"), "field")[0] == "display_name"


def test_search_has_fields_archived_and_group_by_filters():
    arch = default_arch("search", FIELDS, rec_name="name")
    assert names(arch, "field") == ["name", "partner_id", "state", "code", "ref"]
    assert arch.find("filter[@name='inactive']").get("domain") == "[('active', '=', False)]"
    assert [item.get("context") for item in arch.findall("group/filter")] == [
        "{'group_by': 'partner_id'}",
        "{'group_by': 'state'}",
    ]


def test_kanban_card_shows_rec_name_and_three_fields():
    arch = default_arch("kanban", FIELDS, rec_name="name")
    card = arch.find("templates/t[@t-name='card']")
    assert names(card, "field") == ["name", "partner_id", "state", "amount"]


def test_calendar_starts_on_the_first_date_field():
    assert default_arch("calendar", FIELDS, rec_name="name").get("date_start") == "date"


def test_calendar_without_date_field_is_an_error():
    with pytest.raises(ViewError, match="no stored date"):
        default_arch("calendar", {"name": {"type": "char"}}, rec_name="name")


def test_pivot_has_a_row_and_numeric_measures():
    arch = default_arch("pivot", FIELDS, rec_name="name")
    assert [(node.get("name"), node.get("type")) for node in arch] == [
        ("partner_id", "row"), ("amount", "measure"), ("qty", "measure"),
    ]  # fmt: skip


def test_graph_has_one_measure():
    assert names(default_arch("graph", FIELDS, rec_name="name"), "field[@type='measure']") == ["amount"]


def test_unknown_view_type_is_an_error():
    with pytest.raises(ViewError, match="did you mean 'kanban'"):
        default_arch("kanbn", FIELDS, rec_name="name")


@pytest.mark.parametrize("view_type", ["form", "list", "search", "kanban", "calendar", "pivot", "graph"])
def test_default_archs_pass_validation(view_type, catalog):
    catalog.models = {"x.model": FIELDS, "x.line": {}, "x.tag": {}, "res.partner": {}}
    arch = default_arch(view_type, FIELDS, rec_name="name")
    assert validate_view(arch, model="x.model", catalog=catalog, source="default") == []
