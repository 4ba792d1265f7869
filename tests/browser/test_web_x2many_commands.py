"""Onchange answers on one2many lines: Odoo 17 commands applied one by one to the lines in the browser.

The module ``views/x2many_list.js`` is imported in the page and driven with a stand-in parent record
and an ``orm`` answering ``read`` from a table, so each command's effect is checked on its own.
"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.addons("base", "test_web_widgets")]

SCENARIO = """async (commands) => {
    const { X2ManyList } = await import("/web/static/src/views/x2many_list.js");
    const names = { 11: "Eleven", 12: "Twelve", 13: "Thirteen", 14: "Fourteen", 15: "Fifteen" };
    const reads = [];
    const read = async (model, ids) => {
        reads.push(ids);
        return ids.map((id) => ({ id, display_name: names[id] }));
    };
    const env = { orm: { read } };
    const parent = {
        fields: { line_ids: { type: "one2many", relation: "x.line", relation_field: "parent_id" } },
        activeFields: { line_ids: { node: null, subview: null } },
        models: { "x.line": { display_name: { type: "char", string: "Name" } } },
        context: {}, resId: 1, hasOnchange: () => false,
    };
    const list = new X2ManyList(env, parent, "line_ids");
    await list.setServerValue([11, 12, 13]);
    const typed = list._newRecord();
    await typed.setServerValues({ display_name: "Typed" });
    list.records.push(typed);
    const before = [...list.records];
    reads.length = 0;
    const named = (item) => (item === "TYPED" ? typed.virtualId : item);
    await list.applyCommands(commands.map((command) => command.map(named)));
    return {
        lines: list.records.map((line) => [line.resId || "new", line.values.display_name]),
        same: list.records.map((line) => before.includes(line)),
        commands: list.commands(),
        reads,
        dirty: list.isDirty,
    };
}"""


def apply(page, commands):
    page.goto("/web/login")
    return page.evaluate(SCENARIO, commands)


def test_create_naming_a_line_sent_as_new_updates_that_line(page):
    result = apply(page, [[0, "TYPED", {"display_name": "Typed, then computed"}]])
    assert result["lines"][-1] == ["new", "Typed, then computed"]
    assert all(result["same"]) and len(result["lines"]) == 4


def test_create_with_an_unknown_reference_adds_a_line(page):
    result = apply(page, [[0, "v-server", {"display_name": "Added by the server"}]])
    assert result["lines"][-1] == ["new", "Added by the server"] and len(result["lines"]) == 5
    assert [0, 0, {"display_name": "Added by the server"}] in result["commands"]


def test_update_changes_the_line_in_place(page):
    result = apply(page, [[1, 12, {"display_name": "Twelve, renamed"}]])
    assert result["lines"][1] == [12, "Twelve, renamed"] and all(result["same"])
    assert [1, 12, {"display_name": "Twelve, renamed"}] in result["commands"]


def test_delete_and_unlink_remove_lines_and_are_saved_as_such(page):
    result = apply(page, [[2, 11, 0], [3, 13, 0]])
    assert [line[0] for line in result["lines"]] == [12, "new"]
    assert result["commands"][:2] == [[2, 11, 0], [3, 13, 0]]


def test_link_reads_a_line_not_shown_yet(page):
    result = apply(page, [[4, 14, 0], [4, 15, {"display_name": "Fifteen, as sent"}]])
    assert result["lines"][-2:] == [[14, "Fourteen"], [15, "Fifteen, as sent"]]
    assert result["reads"] == [[14]]  # values given with the link are not read again
    assert [4, 14, 0] in result["commands"] and [4, 15, 0] in result["commands"]


def test_clear_removes_every_line(page):
    result = apply(page, [[5, 0, 0]])
    assert result["lines"] == [] and result["dirty"]
    assert sorted(command[1] for command in result["commands"] if command[0] == 2) == [11, 12, 13]


def test_set_keeps_exactly_the_given_ids_in_their_order(page):
    result = apply(page, [[6, 0, [14, 11]]])
    assert result["lines"] == [[14, "Fourteen"], [11, "Eleven"]]
    assert sorted(command[1] for command in result["commands"] if command[0] == 2) == [12, 13]


def test_a_line_removed_then_linked_again_is_kept(page):
    result = apply(page, [[2, 12, 0], [4, 12, 0]])
    assert [12, "Twelve"] in result["lines"]
    assert not [command for command in result["commands"] if command[0] == 2]
