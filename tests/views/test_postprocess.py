"""Per-user archs and what the client is told about them: groups, fields read, modifiers, filters."""

from __future__ import annotations

from lxml import etree

from nexa.views.arch import parse_arch
from nexa.views.postprocess import (
    field_modifiers,
    fields_in_arch,
    group_by_fields,
    search_filters,
    strip_groups,
    user_in_groups,
)

FORM = """<form>
    <field name="name" readonly="state == 'done'"/>
    <field name="partner_id" invisible="not company_id and uid != 1"/>
    <field name="order_line">
        <list><field name="qty" readonly="parent.state == 'done' or locked"/></list>
        <form><field name="product_id"/></form>
    </field>
    <field name="name" invisible="True"/>
</form>"""


def has(*groups: str):
    return lambda group: group in groups


def test_any_listed_group_lets_the_user_in():
    assert user_in_groups("base.a, base.b", has("base.b"))


def test_no_listed_group_keeps_the_user_out():
    assert not user_in_groups("base.a,base.b", has("base.c"))


def test_excluded_group_keeps_the_user_out_even_with_a_listed_one():
    assert not user_in_groups("base.a,!base.b", has("base.a", "base.b"))


def test_only_excluded_groups_let_everyone_else_in():
    assert user_in_groups("!base.portal", has("base.user"))


def test_strip_groups_removes_the_nodes_the_user_may_not_see():
    arch = parse_arch(
        '<form><field name="a" groups="base.manager"/><group groups="base.user"><field name="b"/>'
        '<field name="c" groups="!base.user"/></group></form>'
    )
    stripped = strip_groups(arch, has("base.user"))
    assert [node.get("name") for node in stripped.iter("field")] == ["b"]


def test_strip_groups_drops_the_attribute_on_kept_nodes():
    arch = parse_arch('<form groups="base.user"><field name="a" groups="base.user"/></form>')
    stripped = strip_groups(arch, has("base.user"))
    assert "groups" not in etree.tostring(stripped).decode()


def test_strip_groups_keeps_the_text_after_a_removed_node():
    arch = parse_arch('<form><div>a<span groups="base.x">b</span>c</div></form>')
    assert etree.tostring(strip_groups(arch, has())) == b"<form><div>ac</div></form>"


def test_strip_groups_leaves_the_input_alone():
    arch = parse_arch('<form><field name="a" groups="base.x"/></form>')
    strip_groups(arch, has())
    assert arch.find("field") is not None


def test_fields_in_arch_lists_top_level_fields_and_modifier_names():
    fields = fields_in_arch(parse_arch(FORM))
    assert sorted(fields) == ["company_id", "name", "order_line", "partner_id", "state"]


def test_fields_in_arch_gives_x2many_subviews_with_their_own_fields():
    line = fields_in_arch(parse_arch(FORM))["order_line"]
    assert sorted(line["views"]) == ["form", "list"]
    assert sorted(line["views"]["list"]["fields"]) == ["locked", "qty"]
    assert line["views"]["form"]["arch"].tag == "form"


def test_fields_in_arch_counts_root_attributes_naming_fields():
    assert fields_in_arch(parse_arch('<calendar date_start="start" color="user_id"/>')) == {
        "start": {},
        "user_id": {},
    }


def test_field_modifiers_lists_each_occurrence_in_order():
    modifiers = field_modifiers(parse_arch(FORM))
    assert modifiers["name"] == [{"readonly": "state == 'done'"}, {"invisible": "True"}]
    assert modifiers["order_line"] == [{}]
    assert "qty" not in modifiers


def test_search_filters_numbers_groups_between_separators():
    arch = parse_arch(
        """<search>
            <field name="name"/>
            <filter name="draft" string="Draft" domain="[('state', '=', 'draft')]"/>
            <filter name="sent" domain="[('state', '=', 'sent')]"/>
            <separator/>
            <filter name="mine" domain="[('user_id', '=', uid)]"/>
            <group expand="0" string="Group By">
                <filter name="by_state" context="{'group_by': 'state'}"/>
                <filter name="by_month" context="{'group_by': 'date_order:month'}"/>
            </group>
            <filter name="late" date="date_deadline"/>
        </search>"""
    )
    filters = search_filters(arch)
    assert [(item["name"], item["group"]) for item in filters] == [
        ("draft", 0), ("sent", 0), ("mine", 1), ("by_state", 2), ("by_month", 2), ("late", 3),
    ]  # fmt: skip
    assert filters[0]["string"] == "Draft" and filters[1]["string"] == "sent"
    assert filters[4]["group_by"] == ["date_order"]
    assert filters[5]["date"] == "date_deadline"
    assert filters[2]["line"] == 6


def test_group_by_fields_reads_lists_and_contexts_with_names():
    assert group_by_fields("{'group_by': ['state', 'user_id:day']}") == ["state", "user_id"]
    assert group_by_fields("{'group_by': 'state', 'uid': uid}") == ["state"]
    assert group_by_fields("{}") == []
