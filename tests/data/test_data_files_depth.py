"""Data files, completed: relational commands, function values, errors naming file/line/model/field, demo."""

from __future__ import annotations

import textwrap

import pytest

from nexa.data.csv_loader import load_csv
from nexa.data.xml_loader import load_xml
from nexa.data.xmlids import LoadContext
from nexa.exceptions import DataFileError

pytestmark = pytest.mark.addons("test_orm_depth")


@pytest.fixture
def load(env, tmp_path):
    """``load(text, name="test.xml", mode=...)``: load a data file of addon test_orm_depth."""

    def run(text: str, *, name: str = "test.xml", mode: str = "init") -> LoadContext:
        (tmp_path / "data").mkdir(exist_ok=True)
        path = tmp_path / "data" / name
        path.write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
        ctx = LoadContext(env=env, addon="test_orm_depth", file=f"data/{name}", mode=mode, addon_path=tmp_path)
        (load_csv if name.endswith(".csv") else load_xml)(ctx, path)
        return ctx

    return run


def error_of(load, text: str, **options) -> DataFileError:
    with pytest.raises(DataFileError) as error:
        load(text, **options)
    return error.value


ORDER = """
    <odoo>
        <record id="line_kept" model="test.depth.line">
            <field name="name">kept</field>
            <field name="price">1</field>
            <field name="order_id" ref="order_a"/>
        </record>
    </odoo>
"""


@pytest.fixture
def orders(env, load):
    load("""
        <odoo>
            <record id="order_a" model="test.depth.order">
                <field name="line_ids" eval="[(0, 0, {'name': 'a1', 'price': 1}), (0, 0, {'name': 'a2', 'price': 2}),
                                              (0, 0, {'name': 'a3', 'price': 4})]"/>
            </record>
            <record id="order_b" model="test.depth.order">
                <field name="line_ids" eval="[Command.create({'name': 'b1', 'price': 8})]"/>
            </record>
        </odoo>""")
    return env.ref("test_orm_depth.order_a"), env.ref("test_orm_depth.order_b")


def lines(order):
    return sorted(order.line_ids.mapped("name"))


# -- relational commands in eval, tuples and Command helpers alike -------------------------------------------


@pytest.mark.parametrize("commands, expected", [
    ("[(1, a1, {'name': 'A1'})]", ["A1", "a2", "a3"]),
    ("[Command.update(a1, {'name': 'A1'})]", ["A1", "a2", "a3"]),
    ("[(2, a1, 0)]", ["a2", "a3"]),
    ("[Command.delete(a1)]", ["a2", "a3"]),
    ("[(3, a1)]", ["a2", "a3"]),
    ("[(4, b1)]", ["a1", "a2", "a3", "b1"]),
    ("[Command.link(b1)]", ["a1", "a2", "a3", "b1"]),
    ("[(5,)]", []),
    ("[Command.clear()]", []),
    ("[(6, 0, [a1, b1])]", ["a1", "b1"]),
    ("[Command.set([a1, b1])]", ["a1", "b1"]),
], ids=["update", "Command.update", "delete", "Command.delete", "unlink", "link", "Command.link", "clear",
        "Command.clear", "set", "Command.set"])
def test_relational_commands(env, load, orders, commands, expected):
    order_a, order_b = orders
    ids = {line.name: line.id for line in order_a.line_ids | order_b.line_ids}
    expression = commands
    for name, line_id in ids.items():
        expression = expression.replace(name, str(line_id))
    load(f"""<odoo><record id="order_a" model="test.depth.order">
        <field name="line_ids" eval="{expression}"/></record></odoo>""", mode="update")
    assert lines(order_a) == expected


def test_stored_totals_are_computed_while_loading(orders):
    assert [order.amount_total for order in orders] == [7.0, 8.0]


def test_function_value_elements_with_search(env, load, orders):
    load("""<odoo>
        <function model="test.depth.line" name="unlink">
            <value model="test.depth.line" search="[('name', '=', 'a1')]"/>
        </function></odoo>""")
    assert lines(orders[0]) == ["a2", "a3"]


def test_an_update_changes_records_that_are_not_noupdate(env, load, orders):
    load("""<odoo><record id="order_a" model="test.depth.order"><field name="priority">7</field></record>
        </odoo>""", mode="update")
    assert orders[0].priority == 7


def test_a_noupdate_record_keeps_its_values_on_update(env, load):
    load("""<odoo><data noupdate="1"><record id="kept" model="test.depth.tag"><field name="name">one</field>
        </record></data></odoo>""")
    load("""<odoo><data noupdate="1"><record id="kept" model="test.depth.tag"><field name="name">two</field>
        </record></data></odoo>""", mode="update")
    assert env.ref("test_orm_depth.kept").name == "one"


def test_translations_in_an_eval_dict(env, load):
    load("""<odoo><record id="tag_t" model="test.depth.tag">
        <field name="name" eval="{'en_US': 'Red', 'fr_FR': 'Rouge'}"/></record></odoo>""")
    tag = env.ref("test_orm_depth.tag_t")
    assert (tag.name, tag.with_context(lang="fr_FR").name) == ("Red", "Rouge")


# -- errors name the file, the line, the model and the field ---------------------------------------------------


def test_a_bad_ref_names_file_line_model_and_field(load):
    error = error_of(load, """<odoo>
        <record id="x" model="test.depth.order">
            <field name="partner_id" ref="no_such_partner"/>
        </record></odoo>""")
    assert str(error).startswith("data/test.xml:3: External id 'test_orm_depth.no_such_partner' does not exist "
                                 "for field test.depth.order.partner_id")
    assert (error.file, error.line, error.model, error.field) == ("data/test.xml", 3, "test.depth.order",
                                                                 "partner_id")


def test_a_bad_ref_inside_an_eval_names_its_line_and_field(load):
    error = error_of(load, """<odoo>
        <record id="x" model="test.depth.order">
            <field name="tag_ids" eval="[(4, ref('no_such_tag'))]"/>
        </record></odoo>""")
    assert (error.line, error.model, error.field) == (3, "test.depth.order", "tag_ids")


def test_an_unknown_model_in_delete_is_named_with_the_closest(load):
    error = error_of(load, '<odoo>\n<delete model="test.depth.ordr" id="x"/></odoo>')
    assert str(error) == "data/test.xml:2: Unknown model 'test.depth.ordr' (did you mean 'test.depth.order'?)"


def test_an_unknown_model_in_function_is_named(load):
    error = error_of(load, '<odoo><function model="test.depth.lines" name="unlink"/></odoo>')
    assert "Unknown model 'test.depth.lines' (did you mean 'test.depth.line'?)" in str(error)


def test_a_csv_without_a_required_column_names_it(load):
    error = error_of(load, "id,price\nl1,3\n", name="test.depth.line.csv")
    assert str(error) == ("data/test.depth.line.csv:2: Column 'order_id' is missing: field test.depth.line.order_id "
                          "(Order) is required to create a record")
    assert (error.model, error.field, error.line) == ("test.depth.line", "order_id", 2)


def test_a_csv_updating_existing_records_may_leave_required_columns_out(env, load, orders):
    load("id,name,price,order_id:id\nline_c,c,3,order_a\n", name="test.depth.line.csv")
    load("id,price\nline_c,5\n", name="test.depth.line.csv", mode="update")
    assert env.ref("test_orm_depth.line_c").price == 5.0 and orders[0].amount_total == 12.0


def test_a_csv_with_a_bad_reference_names_line_model_and_field(load):
    error = error_of(load, "id,name,order_id:id\nl1,x,no_such_order\n", name="test.depth.line.csv")
    assert (error.line, error.model, error.field) == (2, "test.depth.line", "order_id")


# -- demo data -------------------------------------------------------------------------------------------


def test_demo_data_is_not_loaded_unless_asked(env):
    assert env.ref("test_orm_depth.demo_order", raise_if_not_found=False) is None


@pytest.mark.demo
def test_demo_data_is_loaded_when_asked(env):
    order = env.ref("test_orm_depth.demo_order")
    assert (order.reference, order.amount_total) == ("DEMO", 42.0)


def test_data_files_of_the_addon_were_loaded_on_install(env):
    assert env.ref("test_orm_depth.stage_lost").fold is True
