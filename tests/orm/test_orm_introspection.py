"""What a model says about itself: fields_get, default_get, display_name and name_search."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.addons("test_orm")


def describe(env, name, model="test.orm.record"):
    return env[model].fields_get([name])[name]


# -- fields_get -----------------------------------------------------------------------------------


def test_fields_get_describes_every_field(env):
    assert set(env["test.orm.record"].fields_get()) == set(env["test.orm.record"]._fields)


def test_fields_get_char(env):
    description = describe(env, "name")
    assert (description["type"], description["string"], description["required"], description["size"]) == \
        ("char", "Name", True, 64)


def test_fields_get_selection_lists_its_pairs(env):
    assert describe(env, "state")["selection"] == [["draft", "Draft"], ["done", "Done"]]


def test_fields_get_float_digits(env):
    assert describe(env, "price")["digits"] == [10, 2]


def test_fields_get_many2one(env):
    description = describe(env, "partner_id")
    assert (description["type"], description["relation"], description["ondelete"]) == \
        ("many2one", "res.partner", "set null")


def test_fields_get_one2many_names_the_inverse(env):
    description = describe(env, "line_ids")
    assert (description["relation"], description["relation_field"]) == ("test.orm.line", "record_id")


def test_fields_get_computed_field_is_readonly_and_says_what_it_depends_on(env):
    description = describe(env, "total")
    assert description["readonly"] is True and description["depends"] == ["line_ids.quantity"]


def test_fields_get_related_field(env):
    assert describe(env, "partner_email")["related"] == "partner_id.email"


def test_fields_get_only_the_asked_attributes(env):
    assert env["test.orm.record"].fields_get(["name"], ["type"]) == {"name": {"type": "char"}}


def test_fields_get_hides_internal_fields_from_users(env):
    user = env["res.users"].create({"name": "Tester", "login": "tester"})
    assert "password_hash" not in env["res.users"].with_user(user).fields_get()


# -- default_get ----------------------------------------------------------------------------------


def test_default_get_returns_wire_values_of_the_asked_fields(env):
    assert env["test.orm.record"].default_get(["priority", "state", "active", "name"]) == \
        {"priority": 1, "state": "draft", "active": True}


def test_default_get_takes_defaults_from_the_context(env):
    model = env["test.orm.record"].with_context(default_name="From context", default_day="2024-03-01")
    assert model.default_get(["name", "day"]) == {"name": "From context", "day": "2024-03-01"}


def test_default_get_of_a_callable_default(env):
    assert env["res.users"].default_get(["company_id"]) == {"company_id": env.ref("base.main_company").id}


def test_default_get_ignores_unknown_fields(env):
    assert env["test.orm.record"].default_get(["nope"]) == {}


# -- display_name ---------------------------------------------------------------------------------


def test_display_name_is_the_rec_name_field(env):
    assert env["test.orm.record"].create({"name": "Shown"}).display_name == "Shown"


def test_display_name_follows_a_custom_rec_name(env):
    assert env["ir.config_parameter"].create({"key": "some.key", "value": "v"}).display_name == "some.key"


def test_display_name_overridden_by_the_model(env):
    company = env["res.partner"].create({"name": "Acme", "is_company": True})
    contact = env["res.partner"].create({"name": "Ann", "parent_id": company.id})
    assert contact.display_name == "Acme, Ann"


def test_display_name_is_read_like_any_field(env):
    record = env["test.orm.record"].create({"name": "Read me"})
    assert record.read(["display_name"])[0]["display_name"] == "Read me"


def test_name_search_finds_by_name(env):
    record = env["test.orm.record"].create({"name": "Searchable"})
    assert env["test.orm.record"].name_search("archab") == [(record.id, "Searchable")]


def test_name_create_creates_from_the_rec_name(env):
    record_id, name = env["test.orm.tag"].name_create("quick")
    assert env["test.orm.tag"].browse(record_id).name == name == "quick"
