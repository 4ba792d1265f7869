"""View inheritance: every position, the shorthand, $0, attributes, move, chains and problems."""

from __future__ import annotations

import pytest
from lxml import etree

from nexa.problems import ProblemsFound
from nexa.views.arch import parse_arch
from nexa.views.inherit import apply_inheritance

BASE_NAME = "addon sale, file views/sale.xml, view sale.order_form"
SPEC_NAME = "addon sale_ext, file views/ext.xml, view sale_ext.order_form"
BASE = """<form string="Order">
    <sheet>
        <group name="main">
            <field name="partner_id"/>
            <field name="date_order"/>
        </group>
        <notebook>
            <page name="lines" string="Lines">
                <field name="order_line">
                    <tree><field name="product_id"/></tree>
                </field>
            </page>
        </notebook>
        <div class="oe_chatter"/>
    </sheet>
</form>"""


def inherit(spec: str, base: str = BASE) -> etree._Element:
    return apply_inheritance(parse_arch(base), parse_arch(spec), base_name=BASE_NAME, spec_name=SPEC_NAME)


def problems_of(spec: str) -> list:
    with pytest.raises(ProblemsFound) as caught:
        inherit(spec)
    return caught.value.problems


def field_names(arch: etree._Element) -> list[str]:
    return [node.get("name") for node in arch.iter("field")]


def test_xpath_after_inserts_in_order_after_the_node():
    arch = inherit(
        '<xpath expr="//field[@name=\'partner_id\']" position="after"><field name="a"/><field name="b"/></xpath>'
    )
    assert field_names(arch) == ["partner_id", "a", "b", "date_order", "order_line", "product_id"]


def test_xpath_before_inserts_before_the_node():
    arch = inherit('<xpath expr="//field[@name=\'date_order\']" position="before"><field name="a"/></xpath>')
    assert field_names(arch)[:3] == ["partner_id", "a", "date_order"]


def test_xpath_inside_appends_to_the_node():
    arch = inherit('<xpath expr="//group[@name=\'main\']" position="inside"><field name="a"/></xpath>')
    assert [node.get("name") for node in arch.find(".//group")] == ["partner_id", "date_order", "a"]


def test_position_defaults_to_inside():
    arch = inherit('<xpath expr="//group[@name=\'main\']"><field name="a"/></xpath>')
    assert arch.find(".//group")[-1].get("name") == "a"


def test_xpath_replace_swaps_the_node():
    arch = inherit('<xpath expr="//field[@name=\'date_order\']" position="replace"><field name="x"/></xpath>')
    assert field_names(arch)[:2] == ["partner_id", "x"]
    assert "date_order" not in field_names(arch)


def test_replace_with_nothing_removes_the_node():
    arch = inherit('<field name="date_order" position="replace"/>')
    assert "date_order" not in field_names(arch)


def test_replace_dollar_zero_stands_for_the_replaced_node():
    arch = inherit('<field name="partner_id" position="replace"><div class="wrap">$0</div></field>')
    wrap = arch.find(".//div[@class='wrap']")
    assert [child.get("name") for child in wrap] == ["partner_id"]
    assert wrap.text is None


def test_replace_inner_mode_replaces_only_the_content():
    arch = inherit('<group name="main" position="replace" mode="inner"><field name="x"/></group>')
    group = arch.find(".//group")
    assert group.get("name") == "main"
    assert [child.get("name") for child in group] == ["x"]


def test_replace_of_the_root_returns_the_new_root():
    arch = inherit('<xpath expr="/form" position="replace"><form string="New"><field name="x"/></form></xpath>')
    assert arch.get("string") == "New"
    assert field_names(arch) == ["x"]


def test_attributes_sets_a_value():
    arch = inherit('<field name="partner_id" position="attributes"><attribute name="readonly">1</attribute></field>')
    assert arch.find(".//field[@name='partner_id']").get("readonly") == "1"


def test_attribute_with_empty_value_removes_it():
    arch = inherit('<form position="attributes"><attribute name="string"></attribute></form>')
    assert "string" not in arch.attrib


def test_attribute_add_and_remove_edit_a_list():
    base = '<form><div class="a b c"/></form>'
    spec = '<div class="a b c" position="attributes"><attribute name="class" add="d" remove="b" separator=" "/></div>'
    assert inherit(spec, base)[0].get("class") == "a c d"


def test_attribute_add_uses_comma_by_default_and_skips_duplicates():
    base = '<form><field name="x" groups="base.a"/></form>'
    spec = '<field name="x" position="attributes"><attribute name="groups" add="base.b,base.a"/></field>'
    assert inherit(spec, base)[0].get("groups") == "base.a,base.b"


def test_attribute_remove_of_the_last_value_drops_the_attribute():
    base = '<form><field name="x" groups="base.a"/></form>'
    spec = '<field name="x" position="attributes"><attribute name="groups" remove="base.a"/></field>'
    assert "groups" not in inherit(spec, base)[0].attrib


def test_shorthand_group_locates_by_name():
    arch = inherit('<group name="main" position="before"><field name="top"/></group>')
    assert arch.find("sheet")[0].get("name") == "top"


def test_shorthand_page_locates_by_name():
    arch = inherit('<page name="lines" position="after"><page name="extra" string="Extra"/></page>')
    assert [page.get("name") for page in arch.iter("page")] == ["lines", "extra"]


def test_shorthand_div_locates_by_class():
    arch = inherit('<div class="oe_chatter" position="replace"/>')
    assert arch.find(".//div") is None


def test_shorthand_tree_finds_the_list_subview():
    arch = inherit('<tree position="inside"><field name="price"/></tree>')
    assert field_names(arch)[-2:] == ["product_id", "price"]


def test_xpath_naming_tree_finds_the_list_subview():
    arch = inherit('<xpath expr="//field[@name=\'order_line\']/tree" position="inside"><field name="qty"/></xpath>')
    assert field_names(arch)[-1] == "qty"


def test_move_takes_the_node_to_the_outer_position():
    spec = """<data>
        <xpath expr="//notebook" position="before">
            <xpath expr="//field[@name='date_order']" position="move"/>
        </xpath>
    </data>"""
    arch = inherit(spec)
    sheet = arch.find("sheet")
    assert [child.get("name") or child.tag for child in sheet] == ["main", "date_order", "notebook", "div"]
    assert field_names(arch).count("date_order") == 1


def test_move_out_of_a_replaced_node_keeps_the_moved_node():
    spec = """<group name="main" position="replace">
        <xpath expr="//field[@name='partner_id']" position="move"/>
    </group>"""
    arch = inherit(spec)
    assert arch.find("sheet")[0].get("name") == "partner_id"
    assert arch.find(".//group") is None


def test_data_applies_several_specs_in_order():
    spec = """<data>
        <field name="partner_id" position="after"><field name="a"/></field>
        <field name="a" position="after"><field name="b"/></field>
    </data>"""
    assert field_names(inherit(spec))[:3] == ["partner_id", "a", "b"]


def test_three_inheriting_views_apply_in_sequence():
    specs = [
        '<field name="partner_id" position="after"><field name="a"/></field>',
        '<field name="a" position="attributes"><attribute name="required">1</attribute></field>',
        '<field name="a" position="replace"><div class="wrap">$0</div></field>',
    ]
    arch = parse_arch(BASE)
    for index, spec in enumerate(specs):
        arch = apply_inheritance(arch, parse_arch(spec), base_name=BASE_NAME, spec_name=f"view ext{index}")
    wrap = arch.find("sheet/group/div[@class='wrap']")
    assert [(child.get("name"), child.get("required")) for child in wrap] == [("a", "1")]
    assert field_names(arch)[:3] == ["partner_id", "a", "date_order"]


def test_inputs_are_not_changed():
    base, spec = parse_arch(BASE), parse_arch('<field name="partner_id" position="replace"/>')
    before = etree.tostring(base), etree.tostring(spec)
    apply_inheritance(base, spec, base_name=BASE_NAME, spec_name=SPEC_NAME)
    assert (etree.tostring(base), etree.tostring(spec)) == before


def test_target_not_found_names_both_views_the_expression_and_the_nearest_node():
    [problem] = problems_of('<xpath expr="//field[@name=\'partner_idd\']" position="after"><field name="a"/></xpath>')
    assert problem.id == "views.E010"
    assert "view sale.order_form" in problem.message
    assert "view sale_ext.order_form" in problem.obj
    assert "//field[@name='partner_idd']" in problem.message
    assert '<field name="partner_id"> at line 4' in problem.message
    assert problem.hint == "did you mean //field[@name='partner_id']?"


def test_shorthand_not_found_suggests_the_nearest_node():
    [problem] = problems_of('<page name="line" position="after"/>')
    assert '<page name="lines">' in problem.message


def test_every_failing_spec_is_reported_at_once_with_its_line():
    spec = """<data>
        <field name="nope" position="after"/>
        <field name="partner_id" position="after"><field name="ok"/></field>
        <xpath expr="//group[@name='side']" position="inside"/>
    </data>"""
    problems = problems_of(spec)
    assert [problem.id for problem in problems] == ["views.E010", "views.E010"]
    assert [problem.obj for problem in problems] == [
        "addon sale_ext, file views/ext.xml:2, view sale_ext.order_form",
        "addon sale_ext, file views/ext.xml:4, view sale_ext.order_form",
    ]


def test_move_of_a_missing_node_is_reported():
    spec = '<xpath expr="//notebook" position="before"><xpath expr="//field[@name=\'gone\']" position="move"/></xpath>'
    [problem] = problems_of(spec)
    assert problem.id == "views.E010"
    assert "gone" in problem.message


def test_invalid_xpath_is_reported():
    [problem] = problems_of('<xpath expr="//field[" position="after"/>')
    assert problem.id == "views.E011"


def test_unknown_position_suggests_the_closest():
    [problem] = problems_of('<field name="partner_id" position="afterr"/>')
    assert problem.id == "views.E012"
    assert problem.hint == "did you mean 'after'?"


def test_move_at_top_level_is_reported():
    [problem] = problems_of('<xpath expr="//notebook" position="move"/>')
    assert problem.id == "views.E014"


def test_inserting_after_the_root_is_reported():
    [problem] = problems_of('<form position="after"><div/></form>')
    assert problem.id == "views.E016"


def test_attributes_spec_with_other_children_is_reported():
    [problem] = problems_of('<field name="partner_id" position="attributes"><field name="x"/></field>')
    assert problem.id == "views.E013"


def test_problems_found_message_names_both_views():
    with pytest.raises(ProblemsFound, match=r"view sale_ext\.order_form cannot be applied to .*sale\.order_form"):
        inherit('<field name="nope"/>')
