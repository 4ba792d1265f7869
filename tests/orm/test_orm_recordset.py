"""Recordsets: browse, exists, set operations, mapped/filtered/sorted, environment switches."""

from __future__ import annotations

import pytest

from nexa.exceptions import AccessError, ValidationError

pytestmark = pytest.mark.addons("test_orm")


@pytest.fixture
def records(env):
    partners = env["res.partner"].create([{"name": "P1", "email": "p1@x.test"}, {"name": "P2"}])
    return env["test.orm.record"].create([
        {"name": "One", "priority": 1, "partner_id": partners[0].id},
        {"name": "Two", "priority": 2, "partner_id": partners[1].id},
        {"name": "Three", "priority": 3, "partner_id": partners[0].id},
    ])


@pytest.fixture
def user(env):
    """An internal user (group_user only): may read/write/create test.orm.record, not delete."""
    return env["res.users"].create({"name": "Tester", "login": "tester"})


# -- browse, exists, ensure_one -------------------------------------------------------------------


def test_browse_accepts_an_id_or_a_list_of_ids(env, records):
    assert env["test.orm.record"].browse(records[0].id) == records[0]
    assert env["test.orm.record"].browse(records.ids).ids == records.ids


def test_browse_refuses_ids_that_are_not_integers(env):
    with pytest.raises(ValidationError, match=r"Invalid id '3' for model test\.orm\.record"):
        env["test.orm.record"].browse(["3"])


def test_exists_drops_deleted_records_and_keeps_order(env, records):
    records[1].unlink()
    ids = [records[2].id, 999999, records[0].id]
    assert env["test.orm.record"].browse(ids).exists().ids == [records[2].id, records[0].id]


def test_ensure_one_returns_the_single_record(records):
    assert records[0].ensure_one() == records[0]


def test_ensure_one_on_several_records_says_how_many(records):
    with pytest.raises(ValueError, match=r"Expected a single test\.orm\.record record, got 3"):
        records.ensure_one()


def test_reading_a_field_on_several_records_requires_one(records):
    with pytest.raises(ValueError, match="got 3"):
        records.name  # noqa: B018


def test_reading_a_field_on_an_empty_recordset_gives_the_empty_value(env):
    empty = env["test.orm.record"]
    assert (empty.name, empty.priority, len(empty.partner_id)) == (False, 0, 0)


# -- identity and set operations ------------------------------------------------------------------


def test_len_bool_and_iteration(env, records):
    assert len(records) == 3 and bool(records) and not env["test.orm.record"]
    assert [record.name for record in records] == ["One", "Two", "Three"]


def test_union_and_intersection_and_difference(records):
    a, b, c = records
    assert (a | b | a).ids == [a.id, b.id]
    assert (records & (b | c)).ids == [b.id, c.id]
    assert (records - b).ids == [a.id, c.id]


def test_concatenation_keeps_duplicates(records):
    assert len(records[0] + records[0]) == 2


def test_set_operations_between_models_are_refused(env, records):
    with pytest.raises(TypeError):
        records | env["res.partner"]


def test_membership(records):
    assert records[0] in records and records[0] not in records[1:]


def test_slicing_gives_recordsets(records):
    assert records[1:].ids == records.ids[1:]


# -- mapped, filtered, sorted ---------------------------------------------------------------------


def test_mapped_field_name_gives_a_list(records):
    assert records.mapped("priority") == [1, 2, 3]


def test_mapped_relational_path_gives_a_deduplicated_recordset(records):
    partners = records.mapped("partner_id")
    assert partners._name == "res.partner" and partners.mapped("name") == ["P1", "P2"]


def test_mapped_dotted_path(records):
    assert records.mapped("partner_id.name") == ["P1", "P2"]


def test_mapped_callable(records):
    assert records.mapped(lambda r: r.priority * 10) == [10, 20, 30]


def test_mapped_unknown_field_names_it(records):
    with pytest.raises(ValidationError, match=r"Model test\.orm\.record has no field 'nope'"):
        records.mapped("nope")


def test_filtered_by_callable(records):
    assert records.filtered(lambda r: r.priority > 1).mapped("name") == ["Two", "Three"]


def test_filtered_by_field_path(records):
    assert records.filtered("partner_id.email").mapped("name") == ["One", "Three"]


def test_sorted_by_field_name_and_reverse(records):
    assert records.sorted("name").mapped("name") == ["One", "Three", "Two"]
    assert records.sorted("priority", reverse=True).mapped("priority") == [3, 2, 1]


def test_sorted_by_key_function(records):
    assert records.sorted(key=lambda r: -r.priority).mapped("name") == ["Three", "Two", "One"]


def test_sorted_without_key_uses_the_model_order(records):
    assert records.sorted().mapped("name") == ["Three", "Two", "One"]  # priority desc


# -- environment switches -------------------------------------------------------------------------


def test_with_context_adds_keys_and_keeps_the_records(records):
    changed = records.with_context(lang="fr_FR")
    assert changed.env.context["lang"] == "fr_FR" and changed.ids == records.ids


def test_with_context_does_not_change_the_original(records):
    records.with_context(lang="fr_FR")
    assert "lang" not in records.env.context


def test_with_context_dict_replaces_the_context(records):
    assert dict(records.with_context(lang="fr_FR").with_context({"tz": "UTC"}).env.context) == {"tz": "UTC"}


def test_context_cannot_be_changed_in_place(records):
    with pytest.raises(TypeError, match="with_context"):
        records.env.context["lang"] = "fr_FR"


def test_with_user_switches_uid_and_leaves_superuser_mode(records, user):
    as_user = records.with_user(user)
    assert (as_user.env.uid, as_user.env.su) == (user.id, False)


def test_user_with_access_rights_can_read_and_write(records, user):
    mine = records[0].with_user(user)
    mine.write({"priority": 7})
    assert mine.priority == 7


def test_user_without_delete_right_cannot_unlink(records, user):
    with pytest.raises(AccessError, match=r"test\.orm\.record"):
        records[0].with_user(user).unlink()


def test_user_cannot_touch_a_model_without_access_rights(env, user):
    with pytest.raises(AccessError, match=r"test\.orm\.category"):
        env["test.orm.category"].with_user(user).search([])


def test_sudo_bypasses_access_rights(env, records, user):
    records[0].with_user(user).sudo().unlink()
    assert not records[0].exists()


def test_sudo_false_goes_back_to_checked_mode(records, user):
    assert records.with_user(user).sudo().sudo(False).env.su is False
