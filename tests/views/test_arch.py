"""Parsing archs: line numbers, the tree alias, malformed XML, view types, node surgery."""

from __future__ import annotations

import doctest

import pytest
from lxml import etree

import nexa.views
from nexa.exceptions import ValidationError
from nexa.views.arch import (
    ViewError,
    describe,
    locate,
    normalize_view_type,
    parse_arch,
    remove_node,
    view_type,
)

SOURCE = "addon sale, file views/sale.xml, view sale.order_form"


def test_parse_keeps_line_numbers():
    arch = parse_arch('<form>\n  <sheet>\n    <field name="a"/>\n  </sheet>\n</form>')
    assert [node.sourceline for node in arch.iter()] == [1, 2, 3]


def test_first_line_shifts_line_numbers_into_the_file():
    arch = parse_arch('<form>\n<field name="a"/></form>', first_line=40)
    assert arch[0].sourceline == 41


def test_tree_root_becomes_list():
    assert parse_arch('<tree><field name="a"/></tree>').tag == "list"


def test_tree_subview_becomes_list():
    arch = parse_arch('<form><field name="line_ids"><tree><field name="x"/></tree></field></form>')
    assert arch.find("field/list") is not None


def test_xml_declaration_is_accepted_and_keeps_lines():
    arch = parse_arch('<?xml version="1.0" encoding="iso-8859-1"?>\n<form>\n<field name="é"/></form>')
    assert arch[0].get("name") == "é"
    assert arch[0].sourceline == 3


def test_comments_are_dropped():
    arch = parse_arch("<form><!-- note --><field name='a'/></form>")
    assert [node.tag for node in arch] == ["field"]


def test_malformed_xml_names_source_and_line():
    with pytest.raises(ViewError) as caught:
        parse_arch("<form>\n<field name='a'>\n</form>", source=SOURCE)
    assert "file views/sale.xml:3" in str(caught.value)
    assert "view sale.order_form" in str(caught.value)
    assert caught.value.line == 3


def test_view_error_is_a_validation_error():
    assert issubclass(ViewError, ValidationError)


def test_external_entities_are_refused():
    text = '<!DOCTYPE form [<!ENTITY x SYSTEM "file:///etc/hostname">]><form string="&x;"/>'
    with pytest.raises(ViewError, match="external entity"):
        parse_arch(text)


def test_locate_puts_the_line_after_the_file():
    assert locate(SOURCE, 12) == "addon sale, file views/sale.xml:12, view sale.order_form"


def test_locate_without_file_appends_the_line():
    assert locate("view sale.order_form", 7) == "view sale.order_form, line 7"


def test_view_type_accepts_tree_alias():
    assert normalize_view_type("tree") == "list"


def test_unknown_view_type_suggests_the_closest():
    with pytest.raises(ViewError, match="did you mean 'form'"):
        normalize_view_type("from")


def test_view_type_of_unknown_root_names_the_line():
    with pytest.raises(ViewError) as caught:
        view_type(parse_arch("\n<frm/>"), source="view x")
    assert caught.value.line == 2


def test_describe_uses_the_most_telling_attribute():
    assert describe(etree.fromstring('<field string="S" name="partner_id"/>')) == '<field name="partner_id">'


def test_remove_node_keeps_the_following_text():
    root = etree.fromstring("<div>a<b/>tail<c/></div>")
    remove_node(root[0])
    assert etree.tostring(root) == b"<div>atail<c/></div>"


def test_package_docstring_example_runs():
    assert doctest.testmod(nexa.views).failed == 0
