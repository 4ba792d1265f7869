"""Every field type: what it stores, what ``record.field`` and ``read`` return, what it refuses.

Values are read back after clearing the record cache, so they come from the
database (SQLite or PostgreSQL) and not from what ``create`` cached.
"""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from nexa.exceptions import ValidationError

pytestmark = pytest.mark.addons("test_orm")


def stored(record, name):
    """The value of ``record.name`` as read back from the database."""
    record.env.cache.clear()
    return getattr(record, name)


def read_back(record, name):
    """The wire value ``read`` gives for ``name``, from the database."""
    record.env.cache.clear()
    return record.read([name])[0][name]


@pytest.fixture
def record(env):
    return env["test.orm.record"].create({"name": "Sample"})


# -- char, text, html ----------------------------------------------------------------------------


def test_char_is_stored_trimmed(record):
    record.write({"code": "  AB-1  "})
    assert stored(record, "code") == "AB-1"


def test_char_longer_than_its_size_names_field_and_value(record):
    with pytest.raises(ValidationError) as error:
        record.write({"name": "x" * 65})
    assert "test.orm.record.name" in str(error.value) and "at most 64 characters" in str(error.value)


def test_char_refuses_a_number_naming_the_value(record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record\.code: 12 \(expected a string\)"):
        record.write({"code": 12})


def test_empty_char_reads_as_false(record):
    assert read_back(record, "code") is False


def test_text_keeps_lines_and_spaces(record):
    record.write({"description": " line one\nline two "})
    assert stored(record, "description") == " line one\nline two "


def test_html_is_sanitized_on_write(record):
    record.write({"body": "<p onclick='x()'>Hi<script>alert(1)</script></p>"})
    assert stored(record, "body") == "<p>Hi</p>"


# -- numbers -------------------------------------------------------------------------------------


def test_integer_round_trips(record):
    record.write({"priority": -42})
    assert stored(record, "priority") == -42


def test_integer_accepts_digit_strings_from_clients(record):
    record.write({"priority": "7"})
    assert stored(record, "priority") == 7


def test_integer_refuses_text_naming_model_field_and_value(record):
    with pytest.raises(ValidationError) as error:
        record.write({"priority": "high"})
    assert str(error.value) == "Wrong value for test.orm.record.priority: 'high' (expected an integer)"
    assert (error.value.model, error.value.field, error.value.value) == ("test.orm.record", "priority", "high")


def test_integer_refuses_booleans(record):
    with pytest.raises(ValidationError, match="priority"):
        record.write({"priority": True})


def test_empty_integer_reads_as_zero(env):
    record = env["test.orm.record"].create({"name": "Zero", "priority": False})
    assert stored(record, "priority") == 0


def test_float_without_digits_keeps_precision(record):
    record.write({"ratio": 1 / 3})
    assert stored(record, "ratio") == pytest.approx(1 / 3)


def test_float_with_digits_is_rounded(record):
    record.write({"price": 2.345678})
    assert stored(record, "price") == 2.35


def test_float_refuses_text(record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record\.price: 'cheap' \(expected a number\)"):
        record.write({"price": "cheap"})


def test_monetary_round_trips_with_its_currency(env, record):
    euro = env.ref("base.EUR")
    record.write({"amount": 1234.56, "currency_id": euro.id})
    assert stored(record, "amount") == 1234.56
    assert record.currency_id == euro


def test_monetary_field_names_its_currency_field(env):
    assert env["test.orm.record"].fields_get(["amount"])["amount"]["currency_field"] == "currency_id"


# -- boolean -------------------------------------------------------------------------------------


def test_boolean_round_trips(record):
    record.write({"flag": True})
    assert stored(record, "flag") is True


def test_boolean_unset_reads_false(record):
    assert read_back(record, "flag") is False


def test_boolean_refuses_text(record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record\.flag: 'yes' \(expected True or False\)"):
        record.write({"flag": "yes"})


# -- dates ---------------------------------------------------------------------------------------


def test_date_from_text_reads_as_a_date_object(record):
    record.write({"day": "2024-02-29"})
    assert stored(record, "day") == dt.date(2024, 2, 29)


def test_date_reads_as_text_on_the_wire(record):
    record.write({"day": dt.date(2024, 2, 29)})
    assert read_back(record, "day") == "2024-02-29"


def test_invalid_date_names_field_and_value(record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record\.day: '2024-02-30'"):
        record.write({"day": "2024-02-30"})


def test_datetime_is_stored_naive_utc_without_microseconds(record):
    aware = dt.datetime(2024, 5, 1, 12, 30, 15, 999, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    record.write({"moment": aware})
    assert stored(record, "moment") == dt.datetime(2024, 5, 1, 10, 30, 15)


def test_datetime_reads_as_text_on_the_wire(record):
    record.write({"moment": "2024-05-01 10:30:15"})
    assert read_back(record, "moment") == "2024-05-01 10:30:15"


def test_invalid_datetime_names_the_value(record):
    with pytest.raises(ValidationError, match="'tomorrow'"):
        record.write({"moment": "tomorrow"})


# -- selection, reference ------------------------------------------------------------------------


def test_selection_default_and_change(record):
    assert stored(record, "state") == "draft"
    record.write({"state": "done"})
    assert stored(record, "state") == "done"


def test_selection_refuses_unknown_key_listing_the_valid_ones(record):
    with pytest.raises(ValidationError) as error:
        record.write({"state": "cancel"})
    assert "test.orm.record.state: 'cancel'" in str(error.value)
    assert "'draft', 'done'" in str(error.value)


def test_selection_given_by_a_method_is_computed_from_the_database(env, record):
    record.write({"kind": "usd"})
    assert stored(record, "kind") == "usd"
    assert ["usd", "United States dollar"] in env["test.orm.record"].fields_get(["kind"])["kind"]["selection"]


def test_selection_given_by_a_method_refuses_other_keys(record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record\.kind: 'xyz'"):
        record.write({"kind": "xyz"})


def test_reference_returns_the_record(env, record):
    partner = env["res.partner"].create({"name": "Referenced"})
    record.write({"target": f"res.partner,{partner.id}"})
    assert stored(record, "target") == partner


def test_reference_accepts_a_record(env, record):
    tag = env["test.orm.tag"].create({"name": "t"})
    record.write({"target": tag})
    assert read_back(record, "target") == f"test.orm.tag,{tag.id}"


def test_reference_to_a_model_outside_its_selection_is_refused(env, record):
    with pytest.raises(ValidationError, match=r"res\.users"):
        record.write({"target": "res.users,1"})


# -- binary, json --------------------------------------------------------------------------------


def test_binary_reads_as_base64_and_is_stored_raw(env, record):
    record.write({"data": base64.b64encode(b"\x00\x01binary").decode()})
    assert read_back(record, "data") == base64.b64encode(b"\x00\x01binary").decode()
    table = record._table_obj
    raw = env.transaction.execute(table.select().with_only_columns(table.c.data)).scalar()
    assert bytes(raw) == b"\x00\x01binary"


def test_binary_refuses_text_that_is_not_base64(record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record\.data"):
        record.write({"data": "not base64!"})


def test_json_round_trips_nested_values(record):
    payload = {"a": [1, 2, {"b": None}], "c": "text", "d": True}
    record.write({"payload": payload})
    assert stored(record, "payload") == payload


def test_json_refuses_values_that_are_not_json(record):
    with pytest.raises(ValidationError, match="payload"):
        record.write({"payload": {"when": dt.date.today()}})


# -- relational ----------------------------------------------------------------------------------


def test_many2one_reads_as_record_and_as_id_name_pair(env, record):
    partner = env["res.partner"].create({"name": "Linked"})
    record.write({"partner_id": partner.id})
    assert stored(record, "partner_id") == partner
    assert read_back(record, "partner_id") == [partner.id, "Linked"]


def test_many2one_accepts_a_record(env, record):
    partner = env["res.partner"].create({"name": "Linked"})
    record.write({"partner_id": partner})
    assert stored(record, "partner_id") == partner


def test_many2one_refuses_a_record_of_another_model(env, record):
    with pytest.raises(ValidationError, match=r"a record of res\.partner"):
        record.write({"partner_id": env["test.orm.tag"].create({"name": "t"})})


def test_many2one_to_a_missing_record_is_refused_by_the_database(env, record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record"), env.transaction.savepoint():
        record.write({"partner_id": 999999})


def test_one2many_create_commands_create_lines(env, record):
    record.write({"line_ids": [(0, 0, {"name": "L1"}), (0, 0, {"name": "L2"})]})
    assert stored(record, "line_ids").mapped("name") == ["L1", "L2"]


def test_one2many_reads_as_a_list_of_ids(env, record):
    record.write({"line_ids": [(0, 0, {"name": "L1"})]})
    assert read_back(record, "line_ids") == record.line_ids.ids


def test_one2many_unlink_of_a_required_inverse_deletes_the_line(env, record):
    record.write({"line_ids": [(0, 0, {"name": "L1"})]})
    line = record.line_ids
    record.write({"line_ids": [(3, line.id)]})
    assert not line.exists()


def test_many2many_set_link_and_unlink(env, record):
    a, b, c = (env["test.orm.tag"].create({"name": name}) for name in "abc")
    record.write({"tag_ids": [(6, 0, [a.id, b.id])]})
    record.write({"tag_ids": [(4, c.id), (3, a.id)]})
    assert stored(record, "tag_ids") == b | c


def test_many2many_values_are_in_the_comodel_order(env, record):
    z, a = env["test.orm.tag"].create([{"name": "z"}, {"name": "a"}])
    record.write({"tag_ids": [z.id, a.id]})
    assert read_back(record, "tag_ids") == [a.id, z.id]


def test_x2many_refuses_a_malformed_command_naming_the_field(record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record\.tag_ids"):
        record.write({"tag_ids": [(9, 0, 0)]})


# -- computed and related ------------------------------------------------------------------------


def test_stored_compute_follows_its_dependencies(env, record):
    record.write({"line_ids": [(0, 0, {"name": "L1", "quantity": 2}), (0, 0, {"name": "L2", "quantity": 3})]})
    assert stored(record, "total") == 5
    record.line_ids[0].write({"quantity": 10})
    assert stored(record, "total") == 13


def test_non_stored_compute_is_recomputed_on_read(env, record):
    record.write({"line_ids": [(0, 0, {"name": "L1"})]})
    assert record.line_count == 1


def test_related_field_reads_through_the_link(env, record):
    partner = env["res.partner"].create({"name": "P", "email": "p@example.com"})
    record.write({"partner_id": partner.id})
    assert stored(record, "partner_email") == "p@example.com"


def test_computed_field_cannot_be_written(record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record\.line_count is computed"):
        record.write({"line_count": 3})


# -- unknown fields, system fields ---------------------------------------------------------------


def test_unknown_field_is_named_with_the_closest_one(record):
    with pytest.raises(ValidationError) as error:
        record.write({"prioirty": 3})
    assert str(error.value) == "Invalid field 'prioirty' on model test.orm.record (did you mean 'priority'?)"


def test_id_cannot_be_written(record):
    with pytest.raises(ValidationError, match=r"test\.orm\.record\.id is set by the system"):
        record.write({"id": 5})
