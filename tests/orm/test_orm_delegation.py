"""Delegation (``_inherits``) and extensions as records see them (tests/addons/test_inherit_c)."""

from __future__ import annotations

import pytest

from nexa.exceptions import ValidationError

pytestmark = pytest.mark.addons("test_inherit_c")


def test_creating_a_delegating_record_creates_its_parent(env):
    dog = env["test.dog"].create({"name": "Rex", "legs": 4, "breed": "beagle"})
    assert dog.animal_id.name == "Rex"
    assert dog.animal_id.legs == 4


def test_parent_fields_read_through_the_child(env):
    animal = env["test.animal"].create({"name": "Fido", "weight": 12.5})
    dog = env["test.dog"].create({"animal_id": animal.id})
    assert (dog.name, dog.weight) == ("Fido", 12.5)


def test_creating_with_an_existing_parent_does_not_create_another(env):
    animal = env["test.animal"].create({"name": "Fido"})
    before = env["test.animal"].search_count([])
    env["test.dog"].create({"animal_id": animal.id})
    assert env["test.animal"].search_count([]) == before


def test_writing_a_parent_field_on_the_child_writes_the_parent(env):
    dog = env["test.dog"].create({"name": "Rex"})
    dog.write({"name": "Max", "breed": "boxer"})
    assert dog.animal_id.name == "Max"
    assert dog.breed == "boxer"


def test_read_returns_parent_and_own_fields_together(env):
    dog = env["test.dog"].create({"name": "Rex", "breed": "pug"})
    [row] = dog.read(["name", "breed", "animal_id"])
    assert row["name"] == "Rex" and row["breed"] == "pug"
    assert row["animal_id"] == [dog.animal_id.id, "Rex"]


def test_searching_on_a_parent_field_of_the_child(env):
    dog = env["test.dog"].create({"name": "Searchable Rex"})
    assert env["test.dog"].search([("name", "=", "Searchable Rex")]) == dog


def test_deleting_the_parent_cascades_to_the_child(env):
    dog = env["test.dog"].create({"name": "Rex"})
    dog.animal_id.unlink()
    assert not dog.exists()


def test_default_of_the_child_applies_on_create(env):
    dog = env["test.dog"].create({"name": "Rex"})
    assert dog.breed == "mixed"


def test_default_of_the_parent_applies_to_the_created_parent(env):
    dog = env["test.dog"].create({"name": "Rex"})
    assert dog.legs == 2  # test_inherit_b changed the default of test_inherit_a


def test_a_bad_parent_value_in_a_batch_creates_neither_parents_nor_children(env):
    animals, dogs = env["test.animal"].search_count([]), env["test.dog"].search_count([])
    with pytest.raises(ValidationError, match=r"test\.animal\.legs"):
        env["test.dog"].create([{"name": "Good"}, {"name": "Bad", "legs": "many"}])
    assert env["test.animal"].search_count([]) == animals
    assert env["test.dog"].search_count([]) == dogs


def test_a_write_failing_on_an_own_required_field_leaves_the_parent_unchanged(env):
    dog = env["test.dog"].create({"name": "Rex"})
    with pytest.raises(ValidationError, match=r"test\.dog\.breed"):
        dog.write({"name": "Renamed", "breed": False})
    env.cache.clear()
    assert dog.name == "Rex"


def test_extension_field_default_is_the_last_declared(env):
    assert env["test.animal"].create({"name": "Bird"}).legs == 2


def test_extension_selection_field_validates_its_keys(env):
    with pytest.raises(ValidationError, match=r"test\.animal\.color"):
        env["test.animal"].create({"name": "Odd", "color": "purple"})


def test_prototype_records_live_in_their_own_table(env):
    before = env["test.animal"].search_count([])
    env["test.pet"].create({"name": "Tom", "owner": "Ann"})
    assert env["test.animal"].search_count([]) == before
    assert env["test.pet"].search_count([("owner", "=", "Ann")]) == 1


def test_selection_add_extends_the_choices_of_an_earlier_addon(env):
    selection = env["test.animal"].fields_get(["color"])["color"]["selection"]
    assert selection == [["brown", "Brown"], ["grey", "Grey"], ["black", "Black"]]
    assert env["test.animal"].create({"name": "Panther", "color": "black"}).color == "black"


def test_selection_add_keeps_the_options_of_the_first_declaration(env):
    assert env["test.animal"].create({"name": "Bear"}).color == "brown"


def test_writes_record_the_user_who_made_them(env):
    user = env["res.users"].create({"name": "Keeper", "login": "keeper"})
    animal = env["test.animal"].create({"name": "Owl"})
    animal.with_user(user).sudo().write({"legs": 2})
    env.cache.clear()
    assert (animal.create_uid.id, animal.write_uid) == (env.uid, user)
