"""The ORM's fast paths answer exactly what the general paths answer (nexa/orm/plans.py, rows.py).

``search_read`` in one statement against ``search`` then ``read``; searches whose compiled
statement is reused with new values; creates whose ids must follow the order of the values;
writes through a cached UPDATE.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nexa.exceptions import AccessError, ValidationError
from nexa.orm import Command
from nexa.orm.rows import fused_reads

pytestmark = pytest.mark.addons("test_orm")

EVERY_FIELD = ["name", "code", "description", "body", "priority", "ratio", "price", "amount", "currency_id", "flag",
               "active", "day", "moment", "state", "kind", "data", "payload", "partner_id", "category_id",
               "parent_id", "line_ids", "tag_ids", "target", "total", "line_count", "partner_email", "display_name"]


@pytest.fixture
def records(env):
    acme = env["res.partner"].create({"name": "Acme", "email": "info@acme.test"})
    category = env["test.orm.category"].create({"name": "Tools"})
    tags = env["test.orm.tag"].create([{"name": "red"}, {"name": "blue"}])
    first = env["test.orm.record"].create({
        "name": "Alpha", "code": "A1", "description": "multi\nline", "body": "<p>hi</p>", "priority": 3,
        "ratio": 0.5, "price": 12.345, "amount": 7.5, "flag": True, "day": "2024-05-01",
        "moment": "2024-05-01 10:11:12", "kind": False, "data": b"aGVsbG8=", "payload": {"a": [1, 2]},
        "partner_id": acme.id, "category_id": category.id, "tag_ids": [Command.set(tags.ids)],
        "line_ids": [Command.create({"name": "l1", "quantity": 2})], "target": f"res.partner,{acme.id}"})
    second = env["test.orm.record"].create({"name": "Beta", "parent_id": first.id, "priority": 0})
    archived = env["test.orm.record"].create({"name": "Gamma", "active": False})
    return first | second | archived


def test_search_read_gives_what_search_then_read_give(env, records):
    Record = env["test.orm.record"]
    expected = Record.search([("id", "in", records.ids)]).read(EVERY_FIELD)
    env.cache.clear()
    assert Record.search_read([("id", "in", records.ids)], EVERY_FIELD) == expected


def test_search_read_without_field_list_gives_what_read_gives(env, records):
    Record = env["test.orm.record"]
    expected = Record.search([("id", "in", records.ids)]).read()
    env.cache.clear()
    assert Record.search_read([("id", "in", records.ids)]) == expected


def test_search_read_with_ids_load_gives_many2one_ids(env, records):
    Record = env["test.orm.record"]
    expected = Record.search([("id", "in", records.ids)]).read(["partner_id", "parent_id"], load="_classic_write")
    env.cache.clear()
    assert Record.search_read([("id", "in", records.ids)], ["partner_id", "parent_id"],
                              load="_classic_write") == expected


def test_search_read_pages_like_search(env, records):
    Record = env["test.orm.record"].with_context(active_test=False)
    pages = [Record.search_read([("id", "in", records.ids)], ["name"], offset=offset, limit=1, order="name desc")
             for offset in range(3)]
    assert [page[0]["name"] for page in pages] == ["Gamma", "Beta", "Alpha"]


def test_search_read_of_a_user_names_hidden_many2one_targets_restricted(env, records):
    user = env["res.users"].create({"name": "Reader", "login": "fast-reader",
                                    "groups_id": [Command.set([env.ref("base.group_user").id])]})
    rows = env["test.orm.record"].with_user(user).search_read([("id", "=", records[0].id)], ["partner_id"])
    partner = records[0].partner_id
    assert rows == [{"id": records[0].id, "partner_id": [partner.id, partner.display_name]}]


def test_search_read_refuses_an_unknown_field_like_read(env, records):
    with pytest.raises(ValidationError, match=r"Invalid field 'nme'.*did you mean 'name'"):
        env["test.orm.record"].search_read([], ["nme"])


def test_search_read_refuses_an_order_on_an_unknown_field(env, records):
    with pytest.raises(Exception, match="Invalid field 'nme'"):
        env["test.orm.record"].search_read([], ["name"], order="nme")


def test_a_model_overriding_read_keeps_the_two_step_search_read(env):
    model_class = type(env["test.orm.record"])
    overriding = type("Overriding", (model_class,), {"read": lambda self, *a, **k: model_class.read(self, *a, **k)})
    assert fused_reads(model_class)
    assert not fused_reads(overriding)


@pytest.mark.parametrize(("domain", "expected"), [
    ([("code", "=", "A1")], ["Alpha"]),
    ([("code", "=", "nothing")], []),
    ([("code", "=", False)], ["Beta"]),
    ([("code", "!=", False)], ["Alpha"]),
    ([("priority", "in", [0, 3])], ["Alpha", "Beta"]),
    ([("priority", "in", [0])], ["Beta"]),
    ([("priority", "in", [])], []),
    ([("name", "ilike", "ALP")], ["Alpha"]),
    ([("name", "ilike", "et")], ["Beta"]),
    ([("moment", ">", "2024-05-01 10:11:11")], ["Alpha"]),
    ([("moment", ">", "2024-05-01 10:11:12")], []),
])
def test_one_domain_shape_rebinds_new_values(env, records, domain, expected):
    Record = env["test.orm.record"]
    Record.search([("code", "=", "warm the cache"), ("priority", "in", [1, 2, 3])])
    assert sorted(Record.search([("id", "in", records.ids), *domain]).mapped("name")) == expected


def test_the_same_search_shape_is_counted_as_one_statement_each_time(env, records, count_queries):
    Record = env["test.orm.record"]
    with count_queries(env) as log:
        for code in ("A1", "B2", "C3"):
            Record.search([("code", "=", code)])
    assert log.count == 3
    assert len(set(log.statements)) == 1 and "test_orm_record" in log.statements[0]


def test_create_gives_ids_in_the_order_of_the_values(env):
    names = [f"R{index:03d}" for index in range(120)]
    created = env["test.orm.record"].create([{"name": name, "priority": index} for index, name in enumerate(names)])
    env.cache.clear()
    assert created.mapped("name") == names
    assert created.mapped("priority") == list(range(120))


def test_create_of_records_giving_different_fields_stores_each(env):
    created = env["test.orm.record"].create([{"name": "only name"}, {"name": "with code", "code": "X"},
                                             {"name": "with day", "day": dt.date(2024, 1, 2)}])
    env.cache.clear()
    assert [(r.name, r.code, r.day) for r in created] == [("only name", False, False), ("with code", "X", False),
                                                          ("with day", False, dt.date(2024, 1, 2))]


def test_create_stores_datetimes_and_json_as_the_general_path_does(env):
    record = env["test.orm.record"].create({"name": "typed", "moment": "2024-02-03 04:05:06",
                                           "payload": {"k": [1, None]}})
    env.cache.clear()
    assert (record.moment, record.payload) == (dt.datetime(2024, 2, 3, 4, 5, 6), {"k": [1, None]})


def test_create_of_a_duplicate_names_the_constraint(env):
    env["res.country"].create({"name": "Fastland", "code": "QF"})
    with pytest.raises(ValidationError, match="The country code must be unique"):
        env["res.country"].create([{"name": "Fastland again", "code": "QG"}, {"name": "Copy", "code": "QF"}])


def test_create_linking_a_missing_record_is_refused_by_the_database(env):
    with pytest.raises(ValidationError, match=r"linked record of test\.orm\.record does not exist"):
        env["test.orm.record"].create({"name": "dangling", "category_id": 987654})


def test_write_of_one_record_through_the_cached_update(env, records):
    records[0].write({"name": "Renamed", "priority": 9})
    records[1].write({"name": "Other", "priority": 8})
    env.cache.clear()
    assert records[:2].mapped("name") == ["Renamed", "Other"]
    assert records[:2].mapped("priority") == [9, 8]


def test_write_of_a_deleted_record_still_raises(env, records):
    ghost = env["test.orm.record"].browse(records[0].id)
    records[0].unlink()
    with pytest.raises(Exception, match="does not exist"):
        ghost.write({"name": "ghost"})


def test_fused_read_still_checks_the_model_access_right(env):
    user = env["res.users"].create({"name": "No rights", "login": "fast-nobody", "groups_id": [Command.set([])]})
    with pytest.raises(AccessError):
        env["test.orm.record"].with_user(user).search_read([], ["name"])


@pytest.mark.parametrize("value", [None, False, ""])
def test_ordering_against_an_empty_value_matches_nothing(env, records, value):
    assert env["test.orm.record"].search([("name", "<", value)]).ids == []
