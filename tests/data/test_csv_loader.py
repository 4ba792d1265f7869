"""CSV data files (nexa.data.csv_loader): one model per file, one record per row, refs in ``:id`` columns."""

from __future__ import annotations

import textwrap

import pytest

from nexa.data.csv_loader import load_csv
from nexa.data.xmlids import LoadContext
from nexa.exceptions import DataFileError

pytestmark = pytest.mark.addons("test_orm")


@pytest.fixture
def load(env, tmp_path):
    """``load(csv, model=..., mode=...)``: load ``csv`` as data/<model>.csv of addon test_orm."""

    def run(content: str, *, model: str = "test.orm.record", mode: str = "init") -> LoadContext:
        (tmp_path / "data").mkdir(exist_ok=True)
        path = tmp_path / "data" / f"{model}.csv"
        path.write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
        ctx = LoadContext(env=env, addon="test_orm", file=f"data/{model}.csv", mode=mode, addon_path=tmp_path)
        load_csv(ctx, path)
        return ctx

    return run


def test_each_row_creates_a_record_with_its_external_id(env, load):
    load("""
        id,name,priority
        r1,First,1
        r2,Second,2
    """)
    assert [(env.ref(f"test_orm.{xmlid}").name, env.ref(f"test_orm.{xmlid}").priority)
            for xmlid in ("r1", "r2")] == [("First", 1), ("Second", 2)]


def test_the_model_is_the_file_name(env, load):
    load("id,name\nt1,csv tag\n", model="test.orm.tag")
    assert env.ref("test_orm.t1")._name == "test.orm.tag"


def test_loading_again_updates_the_rows(env, load):
    load("id,name,priority\nr1,First,1\n")
    first = env.ref("test_orm.r1")
    load("id,name,priority\nr1,First,9\n", mode="update")
    assert env.ref("test_orm.r1") == first and first.priority == 9


def test_id_columns_resolve_external_ids_of_many2one(env, load):
    load("id,name,currency_id:id\nr1,Priced,base.USD\n")
    assert env.ref("test_orm.r1").currency_id == env.ref("base.USD")


def test_slash_id_is_accepted_like_colon_id(env, load):
    load("id,name,currency_id/id\nr1,Priced,base.CHF\n")
    assert env.ref("test_orm.r1").currency_id == env.ref("base.CHF")


def test_many2many_id_column_takes_comma_separated_external_ids(env, load):
    load("id,name\nt1,one\nt2,two\n", model="test.orm.tag")
    load('id,name,tag_ids:id\nr1,Tagged,"t1,t2"\n')
    assert env.ref("test_orm.r1").tag_ids.mapped("name") == ["one", "two"]


def test_booleans_accept_the_usual_spellings(env, load):
    load("id,name,flag\nr1,yes,1\nr2,no,0\nr3,true,True\nr4,empty,\n")
    assert [env.ref(f"test_orm.r{i}").flag for i in range(1, 5)] == [True, False, True, False]


def test_empty_numbers_are_empty(env, load):
    load("id,name,priority,price\nr1,Empty,,\n")
    record = env.ref("test_orm.r1")
    assert record.read(["priority", "price"])[0] == {"id": record.id, "priority": 0, "price": 0.0}


def test_rows_without_external_id_are_created_once_per_load(env, load):
    load("name\nnameless\n", model="test.orm.tag")
    assert env["test.orm.tag"].search_count([("name", "=", "nameless")]) == 1


def test_blank_lines_are_skipped(env, load):
    load("id,name\nt1,a\n\n,\nt2,b\n", model="test.orm.tag")
    assert env.ref("test_orm.t2").name == "b"


# -- errors -----------------------------------------------------------------------------------------------


def error_of(load, content: str, **kwargs) -> DataFileError:
    with pytest.raises(DataFileError) as error:
        load(content, **kwargs)
    return error.value


def test_file_named_after_no_model_is_refused(load):
    error = error_of(load, "id,name\n", model="test.orm.records")
    assert "The file name must be a model name: no model 'test.orm.records'" in str(error)


def test_unknown_column_is_named_with_the_closest_field(load):
    error = error_of(load, "id,nmae\nr1,x\n")
    assert str(error) == ("data/test.orm.record.csv:1: Column 'nmae': model test.orm.record has no field "
                          "'nmae' (did you mean 'name'?)")
    assert (error.model, error.field) == ("test.orm.record", "nmae")


def test_row_with_the_wrong_number_of_values_names_its_line(load):
    error = error_of(load, "id,name,priority\nr1,ok,1\nr2,short\n")
    assert str(error).startswith("data/test.orm.record.csv:3: Row has 2 values but the header has 3 columns")


def test_id_column_on_a_plain_field_is_refused(load):
    error = error_of(load, "id,name:id\nr1,x\n")
    assert "Column name:id is only valid for relational fields" in str(error)


def test_invalid_boolean_names_line_and_field(load):
    error = error_of(load, "id,name,flag\nr1,x,maybe\n")
    assert str(error).startswith("data/test.orm.record.csv:2: Invalid boolean 'maybe' for field flag")


def test_unknown_external_id_in_a_reference_column_is_named(load):
    error = error_of(load, "id,name,currency_id:id\nr1,x,base.XYZ\n")
    assert "External id 'base.XYZ' does not exist" in str(error)


def test_value_of_the_wrong_type_names_record_field_and_value(load):
    error = error_of(load, "id,name,priority\nr1,x,lots\n")
    assert str(error) == ("data/test.orm.record.csv:2: Cannot load record test_orm.r1 of test.orm.record: Wrong "
                          "value for test.orm.record.priority: 'lots' (expected an integer)")
