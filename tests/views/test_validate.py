"""Validation of archs against the models: every problem, at once, with its line."""

from __future__ import annotations

from nexa.views.arch import parse_arch
from nexa.views.validate import validate_view

SOURCE = "addon sale, file views/sale.xml, view sale.order_form"


def check(catalog, arch: str, model: str = "sale.order") -> list:
    return validate_view(parse_arch(arch), model=model, catalog=catalog, source=SOURCE)


def ids(problems: list) -> list[str]:
    return [problem.id for problem in problems]


def test_a_valid_form_has_no_problem(catalog):
    arch = """<form>
        <header>
            <button name="action_confirm" type="object" string="Confirm" invisible="state != 'draft'"/>
            <button name="%(sale.action_view_invoice)d" type="action" string="Invoices"/>
        </header>
        <sheet>
            <field name="name" readonly="state in ('sale', 'done')" required="True"/>
            <label for="partner_id"/>
            <field name="partner_id" groups="base.group_user,!base.group_portal"/>
            <field name="company_id" invisible="company_id == context.get('company')"/>
            <field name="order_line">
                <list><field name="qty" readonly="parent.state == 'done'"/><field name="price"/></list>
            </field>
            <div id="notes"/><label for="notes"/>
        </sheet>
    </form>"""
    assert check(catalog, arch) == []


def test_unknown_field_suggests_the_closest_and_names_the_line(catalog):
    [problem] = check(catalog, '<form>\n<field name="partner"/>\n</form>')
    assert problem.id == "views.E023"
    assert "field 'partner' does not exist on model 'sale.order'" in problem.message
    assert problem.hint == "did you mean 'partner_id'?"
    assert problem.obj == "addon sale, file views/sale.xml:2, view sale.order_form"


def test_field_without_name_is_reported(catalog):
    assert ids(check(catalog, "<form><field/></form>")) == ["views.E022"]


def test_subview_fields_are_checked_against_the_comodel(catalog):
    [problem] = check(catalog, '<form><field name="order_line"><list><field name="qtty"/></list></field></form>')
    assert "model 'sale.order.line'" in problem.message
    assert problem.hint == "did you mean 'qty'?"


def test_subview_on_a_field_that_is_not_x2many_is_reported(catalog):
    assert ids(check(catalog, '<form><field name="partner_id"><form/></field></form>')) == ["views.E024"]


def test_unknown_model_is_reported_once(catalog):
    assert ids(check(catalog, '<form><field name="x"/></form>', model="no.model")) == ["views.E021"]


def test_unknown_view_type_is_reported(catalog):
    [problem] = check(catalog, "<fom/>")
    assert problem.id == "views.E020"
    assert problem.hint == "did you mean 'form'?"


def test_button_calling_a_missing_method_is_reported(catalog):
    [problem] = check(catalog, '<form><button name="action_confrim" type="object"/></form>')
    assert problem.id == "views.E025"
    assert "'action_confrim'" in problem.message


def test_button_calling_a_private_method_is_reported(catalog):
    catalog.methods["sale.order"].add("_compute_total")
    [problem] = check(catalog, '<form><button name="_compute_total" type="object"/></form>')
    assert problem.id == "views.E025"
    assert "private" in problem.message


def test_button_running_a_missing_action_is_reported(catalog):
    [problem] = check(catalog, '<form><button name="%(sale.action_gone)d" type="action"/></form>')
    assert problem.id == "views.E026"
    assert "'sale.action_gone'" in problem.message


def test_button_running_an_action_by_id_is_checked_as_given(catalog):
    assert check(catalog, '<form><button name="42" type="action"/></form>') == []


def test_button_without_name_is_reported(catalog):
    assert ids(check(catalog, '<form><button type="object" string="Go"/></form>')) == ["views.E032"]


def test_button_in_a_subview_calls_a_method_of_the_comodel(catalog):
    arch = '<form><field name="order_line"><list><button name="action_confirm" type="object"/></list></field></form>'
    [problem] = check(catalog, arch)
    assert "model 'sale.order.line'" in problem.message


def test_modifier_syntax_error_gives_the_column(catalog):
    [problem] = check(catalog, '<form><field name="name" invisible="state = \'draft\'"/></form>')
    assert problem.id == "views.E027"
    assert "at column 7" in problem.message


def test_modifier_reading_an_unknown_name_suggests_the_closest(catalog):
    [problem] = check(catalog, '<form><field name="name" readonly="stat == \'done\'"/></form>')
    assert problem.id == "views.E028"
    assert problem.hint == "did you mean 'state'?"


def test_modifier_may_read_the_builtin_names(catalog):
    arch = """<form><field name="name" invisible="uid == 1 or today > '2024-01-01' or now or
        company_id in allowed_company_ids or context.get('hide')"/></form>"""
    assert check(catalog, arch) == []


def test_parent_outside_a_subview_is_reported(catalog):
    [problem] = check(catalog, '<form><field name="name" invisible="parent.state"/></form>')
    assert problem.id == "views.E028"
    assert "outside a sub-view" in problem.message


def test_parent_field_must_exist_on_the_parent_model(catalog):
    arch = '<form><field name="order_line"><list><field name="qty" readonly="parent.stat"/></list></field></form>'
    [problem] = check(catalog, arch)
    assert "model 'sale.order' has no field 'stat'" in problem.message
    assert problem.hint == "did you mean 'state'?"


def test_subview_modifiers_read_the_comodel_fields(catalog):
    arch = '<form><field name="order_line"><list><field name="qty" readonly="state"/></list></field></form>'
    [problem] = check(catalog, arch)
    assert "model 'sale.order.line'" in problem.message


def test_groups_must_look_like_xmlids(catalog):
    [problem] = check(catalog, '<form><field name="name" groups="base.group_user,managers"/></form>')
    assert problem.id == "views.E029"
    assert "'managers'" in problem.message


def test_legacy_attrs_is_reported(catalog):
    arch = "<form><field name=\"name\" attrs=\"{'invisible': [('state', '=', 'done')]}\"/></form>"
    assert ids(check(catalog, arch)) == ["views.E030"]


def test_label_for_an_unknown_field_is_reported(catalog):
    [problem] = check(catalog, '<form><label for="partnr_id"/></form>')
    assert problem.id == "views.E031"
    assert problem.hint == "did you mean 'partner_id'?"


def test_search_filter_group_by_field_is_checked(catalog):
    arch = """<search>
        <filter name="by_state" context="{'group_by': 'state'}"/>
        <filter name="by_date" context="{'group_by': 'date_ordre:month'}"/>
    </search>"""
    [problem] = check(catalog, arch)
    assert "filter group_by 'date_ordre'" in problem.message


def test_calendar_date_field_is_checked(catalog):
    [problem] = check(catalog, '<calendar date_start="date"><field name="name"/></calendar>')
    assert problem.id == "views.E023"
    assert "date_start='date'" in problem.message


def test_every_problem_of_a_view_is_reported_at_once_with_its_line(catalog):
    arch = """<form>
        <field name="nme"/>
        <button name="nope" type="object"/>
        <field name="state" invisible="state =="/>
        <field name="order_line">
            <list><field name="qtty"/></list>
        </field>
    </form>"""
    problems = check(catalog, arch)
    assert ids(problems) == ["views.E023", "views.E025", "views.E027", "views.E023"]
    assert [problem.obj.split(":")[1].split(",")[0] for problem in problems] == ["2", "3", "4", "6"]


def test_problems_of_several_views_concatenate(catalog):
    first = check(catalog, '<form><field name="nme"/></form>')
    second = check(catalog, '<list><field name="stat"/></list>')
    assert [problem.hint for problem in first + second] == ["did you mean 'name'?", "did you mean 'state'?"]
