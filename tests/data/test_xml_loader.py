"""XML data files (nexa.data.xml_loader): records, external ids, updates, and errors naming file and line."""

from __future__ import annotations

import base64
import datetime as dt
import textwrap

import pytest

from nexa.data.xml_loader import load_xml
from nexa.data.xmlids import LoadContext
from nexa.exceptions import DataFileError

pytestmark = pytest.mark.addons("test_orm")


@pytest.fixture
def load(env, tmp_path):
    """``load(xml, mode=..., noupdate=...)``: load ``xml`` as the file data/test.xml of addon test_orm."""

    def run(xml: str, *, mode: str = "init", noupdate: bool = False) -> LoadContext:
        (tmp_path / "data").mkdir(exist_ok=True)
        path = tmp_path / "data" / "test.xml"
        path.write_text(textwrap.dedent(xml).strip(), encoding="utf-8")
        ctx = LoadContext(env=env, addon="test_orm", file="data/test.xml", mode=mode, addon_path=tmp_path,
                          noupdate=noupdate)
        load_xml(ctx, path)
        return ctx

    return run


RECORD = """
    <odoo>
        <record id="rec_one" model="test.orm.record">
            <field name="name">One</field>
            <field name="priority">{priority}</field>
        </record>
    </odoo>
"""


# -- records and external ids ------------------------------------------------------------------------


def test_record_is_created_with_its_external_id(env, load):
    load(RECORD.format(priority=3))
    record = env.ref("test_orm.rec_one")
    assert (record._name, record.name, record.priority) == ("test.orm.record", "One", 3)


def test_external_id_row_names_module_model_and_record(env, load):
    load(RECORD.format(priority=3))
    [data] = env["ir.model.data"].search([("module", "=", "test_orm"), ("name", "=", "rec_one")])
    assert (data.model, data.res_id) == ("test.orm.record", env.ref("test_orm.rec_one").id)


def test_loading_again_updates_the_same_record(env, load):
    load(RECORD.format(priority=3))
    first = env.ref("test_orm.rec_one")
    load(RECORD.format(priority=8), mode="update")
    assert env.ref("test_orm.rec_one") == first and first.priority == 8


def test_noupdate_records_are_not_changed_by_an_update(env, load):
    load(RECORD.format(priority=3).replace("<odoo>", '<odoo><data noupdate="1">').replace("</odoo>",
                                                                                          "</data></odoo>"))
    load(RECORD.format(priority=8), mode="update")
    assert env.ref("test_orm.rec_one").priority == 3


def test_the_context_records_every_external_id_it_touched(load):
    assert load(RECORD.format(priority=1)).touched == {"test_orm.rec_one"}


def test_record_without_id_is_created_without_external_id(env, load):
    load('<odoo><record model="test.orm.tag"><field name="name">anonymous</field></record></odoo>')
    tag = env["test.orm.tag"].search([("name", "=", "anonymous")])
    assert tag and not env["ir.model.data"].search([("model", "=", "test.orm.tag"), ("res_id", "=", tag.id)])


def test_forcecreate_false_creates_nothing_in_update_mode(env, load):
    load('<odoo><record id="maybe" model="test.orm.tag" forcecreate="0"><field name="name">m</field></record>'
         "</odoo>", mode="update")
    assert env.ref("test_orm.maybe", raise_if_not_found=False) is None


# -- field values ---------------------------------------------------------------------------------------


def test_text_values_are_converted_to_the_field_type(env, load):
    load("""
        <odoo><record id="typed" model="test.orm.record">
            <field name="name">Typed</field>
            <field name="flag">True</field>
            <field name="price">2.5</field>
            <field name="day">2024-03-01</field>
            <field name="state">done</field>
        </record></odoo>
    """)
    record = env.ref("test_orm.typed")
    assert (record.flag, record.price, record.day, record.state) == (True, 2.5, dt.date(2024, 3, 1), "done")


def test_ref_attribute_links_a_many2one(env, load):
    load("""
        <odoo>
            <record id="cat" model="test.orm.category"><field name="name">Cat</field></record>
            <record id="linked" model="test.orm.record">
                <field name="name">Linked</field>
                <field name="category_id" ref="cat"/>
                <field name="currency_id" ref="base.EUR"/>
            </record>
        </odoo>
    """)
    record = env.ref("test_orm.linked")
    assert record.category_id == env.ref("test_orm.cat") and record.currency_id.name == "EUR"


def test_ref_attribute_on_a_many2many_sets_the_record(env, load):
    load("""
        <odoo>
            <record id="tag_a" model="test.orm.tag"><field name="name">a</field></record>
            <record id="tagged" model="test.orm.record">
                <field name="name">Tagged</field><field name="tag_ids" ref="tag_a"/>
            </record>
        </odoo>
    """)
    assert env.ref("test_orm.tagged").tag_ids == env.ref("test_orm.tag_a")


def test_ref_attribute_on_a_reference_field_gives_model_and_id(env, load):
    load("""
        <odoo><record id="pointing" model="test.orm.record">
            <field name="name">Pointing</field><field name="target" ref="base.main_partner"/>
        </record></odoo>
    """)
    assert env.ref("test_orm.pointing").target == env.ref("base.main_partner")


def test_eval_attribute_with_commands_refs_and_dates(env, load):
    load("""
        <odoo>
            <record id="tag_b" model="test.orm.tag"><field name="name">b</field></record>
            <record id="evaluated" model="test.orm.record">
                <field name="name">Evaluated</field>
                <field name="priority" eval="2 * 21"/>
                <field name="tag_ids" eval="[Command.set([ref('tag_b')])]"/>
                <field name="day" eval="date(2024, 1, 1) + timedelta(days=1)"/>
                <field name="payload" eval="{'key': [1, 2]}"/>
            </record>
        </odoo>
    """)
    record = env.ref("test_orm.evaluated")
    assert (record.priority, record.day, record.payload) == (42, dt.date(2024, 1, 2), {"key": [1, 2]})
    assert record.tag_ids == env.ref("test_orm.tag_b")


def test_search_attribute_links_the_first_match(env, load):
    load("""
        <odoo><record id="searched" model="test.orm.record">
            <field name="name">Searched</field>
            <field name="currency_id" search="[('name', '=', 'USD')]"/>
        </record></odoo>
    """)
    assert env.ref("test_orm.searched").currency_id == env.ref("base.USD")


def test_file_attribute_loads_binary_content_as_base64(env, load, tmp_path):
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "blob.bin").write_bytes(b"\x00\x01\x02")
    load("""
        <odoo><record id="with_file" model="test.orm.record">
            <field name="name">File</field><field name="data" file="data/blob.bin"/>
        </record></odoo>
    """)
    assert env.ref("test_orm.with_file").read(["data"])[0]["data"] == base64.b64encode(b"\x00\x01\x02").decode()


# -- function and delete ------------------------------------------------------------------------------


def test_function_calls_a_model_method_with_evaluated_arguments(env, load):
    load("""<odoo><function model="ir.config_parameter" name="set_param" eval="['xml.loaded', 'yes']"/></odoo>""")
    assert env["ir.config_parameter"].get_param("xml.loaded") == "yes"


def test_delete_by_external_id(env, load):
    load(RECORD.format(priority=1))
    record = env.ref("test_orm.rec_one")
    load('<odoo><delete model="test.orm.record" id="rec_one"/></odoo>')
    assert not record.exists()


def test_delete_by_search(env, load):
    env["test.orm.tag"].create({"name": "doomed"})
    load("""<odoo><delete model="test.orm.tag" search="[('name', '=', 'doomed')]"/></odoo>""")
    assert not env["test.orm.tag"].search([("name", "=", "doomed")])


# -- errors -----------------------------------------------------------------------------------------------


def error_of(load, xml: str) -> DataFileError:
    with pytest.raises(DataFileError) as error:
        load(xml)
    return error.value


def test_malformed_xml_names_file_and_line(load):
    error = error_of(load, "<odoo>\n<record id='x' model='test.orm.tag'>\n</odoo>")
    assert str(error).startswith("data/test.xml:3: Malformed XML")
    assert (error.addon, error.line) == ("test_orm", 3)


def test_wrong_root_element_is_named(load):
    assert "The root element must be <odoo> (or <nexa>), got <data>" in str(error_of(load, "<data/>"))


def test_unknown_element_is_named_with_its_line(load):
    error = error_of(load, "<odoo>\n  <recrod id='x'/>\n</odoo>")
    assert str(error) == ("data/test.xml:2: Unknown element <recrod>: expected record, function, delete, "
                          "menuitem or data")


def test_unknown_model_is_named_with_the_closest_one(load):
    error = error_of(load, '<odoo><record id="x" model="test.orm.recrod"/></odoo>')
    assert "Unknown model 'test.orm.recrod' (did you mean 'test.orm.record'?)" in str(error)
    assert error.model == "test.orm.recrod"


def test_unknown_field_is_named_with_model_line_and_closest_field(load):
    error = error_of(load, """<odoo>
        <record id="x" model="test.orm.record">
            <field name="nmae">X</field>
        </record></odoo>""")
    assert str(error) == ("data/test.xml:3: Model test.orm.record has no field 'nmae' "
                          "(did you mean 'name'?)")
    assert (error.model, error.field) == ("test.orm.record", "nmae")


def test_unknown_external_id_is_named(load):
    error = error_of(load, """<odoo><record id="x" model="test.orm.record">
        <field name="name">X</field><field name="category_id" ref="no_such_category"/>
    </record></odoo>""")
    assert "External id 'test_orm.no_such_category' does not exist" in str(error)


def test_value_of_the_wrong_type_names_record_model_field_and_value(load):
    error = error_of(load, """<odoo>
        <record id="bad" model="test.orm.record">
            <field name="name">Bad</field>
            <field name="priority">high</field>
        </record></odoo>""")
    assert str(error) == ("data/test.xml:2: Cannot load record test_orm.bad of test.orm.record: Wrong value "
                          "for test.orm.record.priority: 'high' (expected an integer)")
    assert (error.model, error.field) == ("test.orm.record", "priority")


def test_invalid_boolean_text_is_named(load):
    error = error_of(load, """<odoo><record id="x" model="test.orm.record">
        <field name="name">X</field><field name="flag">maybe</field></record></odoo>""")
    assert "Invalid boolean 'maybe' for field flag" in str(error)


def test_forbidden_eval_expression_is_refused_naming_the_line(load):
    error = error_of(load, """<odoo>
        <record id="x" model="test.orm.record">
            <field name="name" eval="__import__('os').getcwd()"/>
        </record></odoo>""")
    assert str(error).startswith("data/test.xml:3: Cannot evaluate")
    assert "'__import__'" in str(error)


def test_function_naming_an_unknown_method_is_refused(load):
    error = error_of(load, '<odoo><function model="test.orm.tag" name="no_such_method"/></odoo>')
    assert "Model test.orm.tag has no method 'no_such_method'" in str(error)

