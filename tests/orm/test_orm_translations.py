"""Translated fields (nexa.orm.translation) and res.lang: one value per language, English as the fallback."""

from __future__ import annotations

import pytest

from nexa.exceptions import ValidationError
from nexa.rpc.dispatch import call_kw

pytestmark = pytest.mark.addons("test_orm_depth")


@pytest.fixture
def tag(env):
    return env["test.depth.tag"].create({"name": "Red"})


def in_lang(records, lang):
    return records.with_context(lang=lang)


def test_a_text_without_translation_reads_in_english_everywhere(tag):
    assert (tag.name, in_lang(tag, "fr_FR").name) == ("Red", "Red")


def test_writing_in_a_language_changes_that_language_only(tag):
    in_lang(tag, "fr_FR").write({"name": "Rouge"})
    assert (in_lang(tag, "fr_FR").name, in_lang(tag, "en_US").name, tag.name) == ("Rouge", "Red", "Red")


def test_values_survive_a_cache_reset(env, tag):
    in_lang(tag, "fr_FR").write({"name": "Rouge"})
    env.cache.clear()
    assert (in_lang(tag, "fr_FR").name, tag.name) == ("Rouge", "Red")


def test_writing_in_english_changes_the_source_and_keeps_translations(tag):
    in_lang(tag, "fr_FR").write({"name": "Rouge"})
    tag.write({"name": "Crimson"})
    assert (tag.name, in_lang(tag, "fr_FR").name) == ("Crimson", "Rouge")


def test_a_record_created_in_a_language_has_that_text_as_source_too(env):
    tag = in_lang(env["test.depth.tag"], "de_DE").create({"name": "Blau"})
    assert (tag.name, in_lang(tag, "de_DE").name, in_lang(tag, "fr_FR").name) == ("Blau", "Blau", "Blau")


def test_a_dict_sets_several_languages_at_once(env):
    tag = env["test.depth.tag"].create({"name": {"en_US": "Green", "fr_FR": "Vert", "nl_NL": "Groen"}})
    assert [in_lang(tag, lang).name for lang in ("en_US", "fr_FR", "nl_NL", "es_ES")] == [
        "Green", "Vert", "Groen", "Green"]


def test_writing_false_clears_every_language(env):
    order = env["test.depth.order"].create({"note": {"en_US": "Hello", "fr_FR": "Bonjour"}})
    order.write({"note": False})
    assert (order.note, in_lang(order, "fr_FR").note) == (False, False)


def test_search_compares_the_text_of_the_context_language(env, tag):
    in_lang(tag, "fr_FR").write({"name": "Rouge"})
    Tag = env["test.depth.tag"]
    assert in_lang(Tag, "fr_FR").search([("name", "=", "Rouge")]) == tag
    assert in_lang(Tag, "fr_FR").search([("name", "ilike", "roug")]) == tag
    assert not Tag.search([("name", "=", "Rouge")]) and Tag.search([("name", "=", "Red")]) == tag


def test_search_falls_back_to_english_for_untranslated_records(env, tag):
    assert in_lang(env["test.depth.tag"], "fr_FR").search([("name", "=", "Red")]) == tag


def test_read_over_rpc_follows_the_context_language(env, tag):
    in_lang(tag, "fr_FR").write({"name": "Rouge"})
    rows = call_kw(env["test.depth.tag"], "read", [[tag.id], ["name"]], {"context": {"lang": "fr_FR"}})
    assert rows == [{"id": tag.id, "name": "Rouge"}]


def test_html_translations_are_sanitized(env, tag):
    in_lang(tag, "fr_FR").write({"description": "<p>Texte</p><script>alert(1)</script>"})
    assert "script" not in in_lang(tag, "fr_FR").description and "Texte" in in_lang(tag, "fr_FR").description


def test_copy_keeps_every_language(tag):
    in_lang(tag, "fr_FR").write({"name": "Rouge"})
    duplicate = in_lang(tag, "fr_FR").copy()
    assert (duplicate.with_context(lang="en_US").name, in_lang(duplicate, "fr_FR").name) == ("Red", "Rouge")


def test_a_related_field_reads_the_translation(env):
    stage = env["test.depth.stage"].create({"name": "Open"})
    in_lang(stage, "fr_FR").write({"name": "Ouvert"})
    order = env["test.depth.order"].create({"stage_id": stage.id})
    assert in_lang(order, "fr_FR").stage_name == "Ouvert"


def test_read_group_groups_by_the_translated_text(env):
    stage = env["test.depth.stage"].create({"name": "Open"})
    in_lang(stage, "fr_FR").write({"name": "Ouvert"})
    groups = in_lang(env["test.depth.stage"], "fr_FR").read_group([("id", "=", stage.id)], [], ["name"])
    assert [group["name"] for group in groups] == ["Ouvert"]


def test_translations_are_stored_out_of_sight(env, tag):
    user = env["res.users"].create({"name": "Reader", "login": "reader"})
    fields = env["test.depth.tag"].with_user(user).fields_get()
    assert "name__translations" not in fields and fields["name"]["translate"] is True
    in_lang(tag, "fr_FR").write({"name": "Rouge"})
    assert in_lang(tag.with_user(user), "fr_FR").name == "Rouge"


def test_users_cannot_write_the_translations_directly(env, tag):
    user = env["res.users"].create({"name": "Writer", "login": "writer"})
    with pytest.raises(Exception, match="name__translations"):
        tag.with_user(user).write({"name__translations": {"fr_FR": "x"}})


# -- the translation dialog's methods --------------------------------------------------------------------


def test_update_and_get_field_translations(env, tag):
    env["res.lang"]._activate_lang("fr_FR")
    tag.update_field_translations("name", {"fr_FR": "Rouge", "en_US": "Red!"})
    translations, context = tag.get_field_translations("name")
    assert {row["lang"]: (row["source"], row["value"]) for row in translations} == {
        "en_US": ("Red!", "Red!"), "fr_FR": ("Red!", "Rouge")}
    assert context == {"translation_type": "char", "translation_show_source": False}


def test_update_field_translations_false_removes_a_language(env, tag):
    tag.update_field_translations("name", {"fr_FR": "Rouge"})
    tag.update_field_translations("name", {"fr_FR": False})
    assert in_lang(tag, "fr_FR").name == "Red"


def test_translation_methods_refuse_untranslated_fields(env):
    order = env["test.depth.order"].create({})
    with pytest.raises(ValidationError, match="not a stored translated field"):
        order.get_field_translations("reference")


# -- res.lang ----------------------------------------------------------------------------------------------


def test_installed_languages_are_the_active_ones(env):
    assert ("en_US", "English (US)") in env["res.lang"].get_installed()
    assert "fr_FR" not in dict(env["res.lang"].get_installed())
    env["res.lang"]._activate_lang("fr_FR")
    assert "fr_FR" in dict(env["res.lang"].get_installed())


def test_activating_an_unknown_language_suggests_the_closest(env):
    with pytest.raises(ValidationError, match=r"'fr_FX'.*did you mean 'fr_FR'"):
        env["res.lang"]._activate_lang("fr_FX")


def test_english_cannot_be_archived(env):
    with pytest.raises(ValidationError, match="cannot be archived"):
        env["res.lang"]._lang_get("en_US").write({"active": False})
