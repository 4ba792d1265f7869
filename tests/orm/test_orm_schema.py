"""Schema sync: the tables, columns, indexes, foreign keys and constraints the registry asks for.

The first part inspects the database test_orm was installed in; the second runs
:func:`nexa.orm.schema.sync_schema` with a changed registry inside the test's
transaction (rolled back afterwards, DDL included) to check how existing tables
are altered.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from nexa.modules.loader import load_addons
from nexa.orm import Model, fields
from nexa.orm.registry import build_registry
from nexa.orm.schema import sync_schema

pytestmark = pytest.mark.addons("test_orm")


def columns(env, table):
    return {column["name"]: column for column in inspect(env.transaction.connection).get_columns(table)}


def foreign_key(env, table, column):
    """``(referred table, ON DELETE action)`` of the foreign key on ``table.column``."""
    connection = env.transaction.connection
    [key] = [fk for fk in inspect(connection).get_foreign_keys(table) if fk["constrained_columns"] == [column]]
    if env.dialect.is_postgres:
        return key["referred_table"], key["options"].get("ondelete")
    # SQLAlchemy does not reflect the ON DELETE of SQLite's inline REFERENCES clauses: ask SQLite
    rows = connection.execute(text(f"PRAGMA foreign_key_list({table})")).mappings()
    [row] = [row for row in rows if row["from"] == column]
    return key["referred_table"], row["on_delete"]


# -- what install created ---------------------------------------------------------------------------


def test_stored_model_has_a_table_with_a_column_per_stored_field(env):
    expected = {name for name, field in env["test.orm.record"]._fields.items() if field.column_stored}
    assert set(columns(env, "test_orm_record")) == expected | {"id"}


def test_x2many_and_non_stored_fields_have_no_column(env):
    assert not {"line_ids", "tag_ids", "line_count", "partner_email", "display_name"} & set(
        columns(env, "test_orm_record"))


@pytest.mark.parametrize(("column", "type_name"), [
    ("name", "VARCHAR(64)"), ("code", "VARCHAR"), ("description", "TEXT"), ("body", "TEXT"),
    ("priority", "INTEGER"), ("price", "NUMERIC(10, 2)"), ("amount", "NUMERIC"), ("flag", "BOOLEAN"),
    ("day", "DATE"), ("state", "VARCHAR"), ("payload", "JSON"), ("partner_id", "INTEGER"), ("target", "VARCHAR"),
])
def test_column_types(env, column, type_name):
    assert str(columns(env, "test_orm_record")[column]["type"]) == type_name


def test_dialect_specific_column_types(env):
    found = columns(env, "test_orm_record")
    types = {name: str(found[name]["type"]) for name in ("ratio", "moment", "data")}
    if env.dialect.is_postgres:
        assert types == {"ratio": "DOUBLE PRECISION", "moment": "TIMESTAMP", "data": "BYTEA"}
    else:
        assert types == {"ratio": "FLOAT", "moment": "DATETIME", "data": "BLOB"}


def test_required_fields_are_not_null(env):
    found = columns(env, "test_orm_record")
    assert (found["name"]["nullable"], found["state"]["nullable"]) == (False, False)
    assert found["code"]["nullable"] is True


def test_indexed_field_has_an_index(env):
    indexes = inspect(env.transaction.connection).get_indexes("test_orm_record")
    assert {"name": "test_orm_record__code_index", "columns": ["code"]} in [
        {"name": index["name"], "columns": index["column_names"]} for index in indexes]


@pytest.mark.parametrize(("table", "column", "expected"), [
    ("test_orm_record", "partner_id", ("res_partner", "SET NULL")),
    ("test_orm_record", "category_id", ("test_orm_category", "RESTRICT")),
    ("test_orm_record", "parent_id", ("test_orm_record", "CASCADE")),
    ("test_orm_line", "record_id", ("test_orm_record", "CASCADE")),
])
def test_many2one_has_a_foreign_key_with_its_ondelete(env, table, column, expected):
    assert foreign_key(env, table, column) == expected


def test_many2many_has_a_relation_table_with_a_composite_key(env):
    inspector = inspect(env.transaction.connection)
    table = "test_orm_record_test_orm_tag_rel"
    assert set(columns(env, table)) == {"test_orm_record_id", "test_orm_tag_id"}
    assert inspector.get_pk_constraint(table)["constrained_columns"] == ["test_orm_record_id", "test_orm_tag_id"]


def test_relation_table_rows_cascade_with_both_sides(env):
    table = "test_orm_record_test_orm_tag_rel"
    assert foreign_key(env, table, "test_orm_record_id") == ("test_orm_record", "CASCADE")
    assert foreign_key(env, table, "test_orm_tag_id") == ("test_orm_tag", "CASCADE")


def test_sql_unique_constraint_exists(env):
    inspector = inspect(env.transaction.connection)
    names = {c["name"] for c in inspector.get_unique_constraints("ir_config_parameter")} | {
        i["name"] for i in inspector.get_indexes("ir_config_parameter") if i["unique"]}
    assert "ir_config_parameter_key_uniq" in names


def test_abstract_models_have_no_table(env):
    assert not inspect(env.transaction.connection).has_table("test_mixin_noisy")


# -- altering existing tables -------------------------------------------------------------------------


class TagExtension(Model):
    _inherit = "test.orm.tag"

    weight = fields.Integer(index=True)
    owner_id = fields.Many2one("res.partner", ondelete="cascade")


class RecordExtension(Model):
    _inherit = "test.orm.record"

    code = fields.Char(required=True)
    note_ids = fields.Many2many("res.partner", "test_orm_record_note_rel", "record_id", "partner_id")


class Brand(Model):
    _name = "test.orm.brand"

    name = fields.Char(required=True)


@pytest.fixture
def synced(env, nexa_runtime):
    """The changes sync_schema made for test_orm plus the extensions above (rolled back after the test)."""
    order = list(env.registry.load_order)
    definitions, _packages = load_addons(order, nexa_runtime.addons)
    definitions["schema_test"] = [TagExtension, RecordExtension, Brand]
    registry = build_registry([*order, "schema_test"], definitions)
    return sync_schema(env.transaction, registry)


def test_sync_of_an_unchanged_registry_changes_nothing(env):
    assert sync_schema(env.transaction, env.registry) == []


def test_sync_creates_the_table_of_a_new_model(env, synced):
    assert "create table test_orm_brand" in synced
    assert columns(env, "test_orm_brand")["name"]["nullable"] is False


def test_sync_adds_a_column_for_a_new_field(env, synced):
    assert "add column test_orm_tag.weight" in synced
    assert "weight" in columns(env, "test_orm_tag")


def test_sync_adds_the_index_of_a_new_field(env, synced):
    indexes = inspect(env.transaction.connection).get_indexes("test_orm_tag")
    assert "test_orm_tag__weight_index" in {index["name"] for index in indexes}


def test_sync_adds_a_foreign_key_for_a_new_many2one(env, synced):
    assert foreign_key(env, "test_orm_tag", "owner_id") == ("res_partner", "CASCADE")


def test_sync_creates_the_relation_table_of_a_new_many2many(env, synced):
    assert set(columns(env, "test_orm_record_note_rel")) == {"record_id", "partner_id"}


def test_sync_sets_not_null_on_a_field_made_required_where_the_database_can(env, synced):
    nullable = columns(env, "test_orm_record")["code"]["nullable"]
    if env.dialect.is_postgres:
        assert "set not null test_orm_record.code" in synced and nullable is False
    else:  # SQLite cannot alter a column: the ORM keeps enforcing required
        assert "set not null test_orm_record.code" not in synced and nullable is True


def test_sync_does_not_set_not_null_while_rows_have_no_value(env, nexa_runtime):
    env["test.orm.record"].create({"name": "no code yet"})
    order = list(env.registry.load_order)
    definitions, _packages = load_addons(order, nexa_runtime.addons)
    definitions["schema_test"] = [RecordExtension]
    changes = sync_schema(env.transaction, build_registry([*order, "schema_test"], definitions))
    assert "set not null test_orm_record.code" not in changes
    assert columns(env, "test_orm_record")["code"]["nullable"] is True
