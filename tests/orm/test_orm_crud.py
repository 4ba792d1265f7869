"""create / read / write / unlink, audit columns, ondelete, and all-or-nothing on bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from nexa.exceptions import MissingError, ValidationError
from nexa.orm import Command

pytestmark = pytest.mark.addons("test_orm")


def count(env, model="test.orm.record"):
    return env[model].with_context(active_test=False).search_count([])


# -- create --------------------------------------------------------------------------------------


def test_create_with_a_dict_returns_one_record(env):
    record = env["test.orm.record"].create({"name": "One"})
    assert len(record) == 1 and record.name == "One"


def test_create_with_a_list_returns_records_in_order(env):
    records = env["test.orm.record"].create([{"name": "First"}, {"name": "Second"}, {"name": "Third"}])
    assert records.mapped("name") == ["First", "Second", "Third"]


def test_create_with_a_list_is_one_insert(env, count_queries):
    with count_queries(env) as log:
        env["test.orm.tag"].create([{"name": f"tag {i}"} for i in range(50)])
    inserts = [s for s in log.statements if s.startswith("INSERT INTO test_orm_tag")]
    assert len(inserts) == 1


def test_create_with_an_empty_list_returns_an_empty_recordset(env):
    assert env["test.orm.record"].create([]) == env["test.orm.record"]


def test_create_applies_field_defaults(env):
    record = env["test.orm.record"].create({"name": "Defaults"})
    assert (record.priority, record.state, record.active) == (1, "draft", True)


def test_create_uses_default_values_from_the_context(env):
    record = env["test.orm.record"].with_context(default_priority=9).create({"name": "Ctx"})
    assert record.priority == 9


def test_create_refuses_something_else_than_dicts(env):
    with pytest.raises(ValidationError, match=r"test\.orm\.record"):
        env["test.orm.record"].create("name")


def test_missing_required_field_is_named_with_its_label(env):
    with pytest.raises(ValidationError) as error:
        env["test.orm.record"].create({"priority": 3})
    assert str(error.value) == "The field 'Name' (test.orm.record.name) is required"
    assert error.value.field == "name"


def test_one_bad_value_in_a_batch_creates_no_record(env):
    before = count(env)
    with pytest.raises(ValidationError, match="'many'"):
        env["test.orm.record"].create([{"name": "Good"}, {"name": "Bad", "priority": "many"}])
    assert count(env) == before


def test_one_missing_required_value_in_a_batch_creates_no_record(env):
    before = count(env)
    with pytest.raises(ValidationError, match="required"):
        env["test.orm.record"].create([{"name": "Good"}, {"priority": 2}])
    assert count(env) == before


def test_bad_value_in_a_nested_line_names_the_line_model_field_and_value(env):
    with pytest.raises(ValidationError) as error:
        env["test.orm.record"].create({"name": "Parent", "line_ids": [Command.create({"name": "L", "quantity": "x"})]})
    assert str(error.value) == "Wrong value for test.orm.line.quantity: 'x' (expected a number)"


def test_create_sets_the_audit_columns(env):
    record = env["test.orm.record"].create({"name": "Audited"})
    env.cache.clear()
    assert record.create_uid.id == env.uid == record.write_uid.id
    assert abs(record.create_date - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=1)


def test_audit_columns_cannot_be_written_by_users(env):
    record = env["test.orm.record"].create({"name": "Audited"})
    user = env.ref("base.user_admin")
    with pytest.raises(ValidationError, match="create_date is set by the system"):
        record.with_user(user).write({"create_date": "2000-01-01 00:00:00"})


# -- read ----------------------------------------------------------------------------------------


def test_read_returns_dicts_with_id_and_the_asked_fields(env):
    record = env["test.orm.record"].create({"name": "R", "priority": 4})
    assert record.read(["name", "priority"]) == [{"id": record.id, "name": "R", "priority": 4}]


def test_read_without_fields_returns_every_readable_field(env):
    record = env["test.orm.record"].create({"name": "R"})
    row = record.read()[0]
    assert {"name", "tag_ids", "line_ids", "create_date", "display_name"} <= set(row)


def test_read_with_load_classic_write_gives_bare_many2one_ids(env):
    partner = env["res.partner"].create({"name": "P"})
    record = env["test.orm.record"].create({"name": "R", "partner_id": partner.id})
    assert record.read(["partner_id"], load="_classic_write")[0]["partner_id"] == partner.id


def test_read_of_an_unknown_field_names_it(env):
    record = env["test.orm.record"].create({"name": "R"})
    with pytest.raises(ValidationError, match=r"Invalid field 'nmae' on model test\.orm\.record"):
        record.read(["nmae"])


def test_read_skips_records_that_no_longer_exist(env):
    record = env["test.orm.record"].create({"name": "R"})
    ids = [record.id, 999999]
    assert [row["id"] for row in env["test.orm.record"].browse(ids).read(["name"])] == [record.id]


def test_reading_a_field_of_a_deleted_record_raises_missing_error(env):
    record = env["test.orm.record"].create({"name": "R"})
    record.unlink()
    with pytest.raises(MissingError, match=r"test\.orm\.record"):
        env["test.orm.record"].browse(record.id).name  # noqa: B018


# -- write ---------------------------------------------------------------------------------------


def test_write_changes_every_record_of_the_set(env):
    records = env["test.orm.record"].create([{"name": "A"}, {"name": "B"}])
    records.write({"priority": 5})
    env.cache.clear()
    assert records.mapped("priority") == [5, 5]


def test_write_on_an_empty_recordset_does_nothing(env, count_queries):
    with count_queries(env) as log:
        assert env["test.orm.record"].write({"priority": 5}) is True
    assert log.count == 0


def test_write_updates_write_date_and_write_uid(env):
    record = env["test.orm.record"].create({"name": "A"})
    env.transaction.execute(record._table_obj.update().values(write_date=dt.datetime(2000, 1, 1)))
    record.write({"priority": 2})
    env.cache.clear()
    assert record.write_date.year > 2000


def test_a_bad_value_in_a_write_changes_nothing(env):
    record = env["test.orm.record"].create({"name": "Kept", "priority": 1})
    with pytest.raises(ValidationError, match="'often'"):
        record.write({"name": "Changed", "priority": "often"})
    env.cache.clear()
    assert (record.name, record.priority) == ("Kept", 1)


def test_clearing_a_required_field_is_refused(env):
    record = env["test.orm.record"].create({"name": "Kept"})
    with pytest.raises(ValidationError, match=r"\(test\.orm\.record\.name\) is required"):
        record.write({"name": False})


def test_assigning_an_attribute_writes_the_record(env):
    record = env["test.orm.record"].create({"name": "Old"})
    record.name = "New"
    env.cache.clear()
    assert record.name == "New"


# -- unlink and ondelete --------------------------------------------------------------------------


def test_unlink_deletes_the_records(env):
    records = env["test.orm.record"].create([{"name": "A"}, {"name": "B"}])
    records.unlink()
    assert not records.exists()


def test_ondelete_cascade_deletes_the_lines(env):
    record = env["test.orm.record"].create({"name": "R", "line_ids": [Command.create({"name": "L"})]})
    line = record.line_ids
    record.unlink()
    assert not line.exists()


def test_ondelete_set_null_empties_the_link(env):
    partner = env["res.partner"].create({"name": "Gone"})
    record = env["test.orm.record"].create({"name": "R", "partner_id": partner.id})
    partner.unlink()
    env.cache.clear()
    assert not record.partner_id


def test_ondelete_restrict_refuses_to_delete_a_linked_record(env):
    category = env["test.orm.category"].create({"name": "Used"})
    env["test.orm.record"].create({"name": "R", "category_id": category.id})
    with pytest.raises(ValidationError, match="Cannot delete these Category records"), env.transaction.savepoint():
        category.unlink()


def test_unlinking_removes_links_from_many2many_tables(env):
    tag = env["test.orm.tag"].create({"name": "t"})
    record = env["test.orm.record"].create({"name": "R", "tag_ids": [tag.id]})
    tag.unlink()
    env.cache.clear()
    assert not record.tag_ids


def test_unlinking_removes_the_external_ids_of_the_records(env):
    record = env["test.orm.record"].create({"name": "R"})
    env["ir.model.data"].create({"module": "test_orm", "name": "r1", "model": record._name, "res_id": record.id})
    record.unlink()
    assert env.ref("test_orm.r1", raise_if_not_found=False) is None


# -- copy ----------------------------------------------------------------------------------------


def test_copy_duplicates_values_with_defaults_overriding(env):
    record = env["test.orm.record"].create({"name": "Orig", "priority": 3})
    duplicate = record.copy({"name": "Copy"})
    assert duplicate != record
    assert (duplicate.name, duplicate.priority) == ("Copy", 3)


def test_copy_leaves_one2many_lines_by_default_as_odoo_does(env):
    record = env["test.orm.record"].create({"name": "Orig", "line_ids": [Command.create({"name": "L"})]})
    assert not record.copy().line_ids
