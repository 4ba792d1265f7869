"""x2many values and cached values as a user sees them, whatever superuser code cached before or after."""

from __future__ import annotations

import pytest

from nexa.exceptions import AccessError

pytestmark = pytest.mark.addons("test_security")


@pytest.fixture
def setup(env):
    reader = env["res.users"].create({"name": "Vis", "login": "vis_reader", "groups_id": [
        (6, 0, [env.ref("test_security.group_doc_reader").id])]})
    doc = env["test.security.doc"].create({"name": "vis doc", "owner_id": reader.id, "line_ids": [
        (0, 0, {"name": "public"}), (0, 0, {"name": "private", "private": True})]})
    return reader, doc


def test_lines_cached_by_superuser_code_stay_hidden_from_the_user(env, setup):
    reader, doc = setup
    assert len(doc.line_ids) == 2  # superuser: the whole value is cached
    assert doc.with_user(reader).line_ids.mapped("name") == ["public"]


def test_lines_read_by_the_user_first_stay_complete_for_superuser_code(env, setup):
    reader, doc = setup
    assert len(doc.with_user(reader).line_ids) == 1
    assert doc.line_ids.mapped("name") == ["public", "private"]


def test_reading_values_cached_by_superuser_code_still_checks_the_rules(env, setup):
    reader, _doc = setup
    other = env["test.security.doc"].create({"name": "not the reader's"})
    assert other.name == "not the reader's"  # cached now
    with pytest.raises(AccessError, match="not allowed to read"):
        other.with_user(reader).read(["name"])


def test_hidden_lines_of_a_loop_are_classified_in_one_query(env, setup, count_queries):
    reader, _doc = setup
    docs = env["test.security.doc"].create([{"name": f"loop {i}", "owner_id": reader.id, "line_ids": [
        (0, 0, {"name": "a"}), (0, 0, {"name": "b", "private": True})]} for i in range(20)])
    for doc in docs:
        doc.line_ids  # noqa: B018 - fill the cache as superuser
    as_reader = docs.with_user(reader)
    with count_queries(env) as log:
        total = sum(len(doc.line_ids) for doc in as_reader)
    classifying = [statement for statement in log.statements if "FROM test_security_line" in str(statement)]
    assert total == 20 and len(classifying) == 1  # the other statements load the user's rules, once


def test_a_prefetched_hidden_record_does_not_block_reading_a_visible_one(env, setup):
    reader, doc = setup
    lines = env["test.security.line"].with_user(reader).browse(doc.line_ids.ids)  # prefetch holds both lines
    assert lines[0].name == "public"
