"""Prefetching: reading a field over N records in a loop costs the same queries for any N.

Each test runs with 3 and with 30 records and asserts the exact number of SQL
statements, so a regression to one query per record fails on the second size.
"""

from __future__ import annotations

import pytest

from nexa.orm import Command
from nexa.orm.fetch import PREFETCH_MAX

pytestmark = [pytest.mark.addons("test_orm"), pytest.mark.parametrize("size", [3, 30])]


@pytest.fixture
def records(env, size):
    partners = env["res.partner"].create([{"name": f"P{i}", "email": f"p{i}@x.test"} for i in range(size)])
    tags = env["test.orm.tag"].create([{"name": f"T{i}"} for i in range(3)])
    env["test.orm.record"].create([
        {"name": f"R{i}", "partner_id": partners[i].id, "tag_ids": tags.ids,
         "line_ids": [Command.create({"name": "line"})]}
        for i in range(size)
    ])
    found = env["test.orm.record"].search([])
    env.cache.clear()
    return found


def queries(env, count_queries, block):
    env.cache.clear()
    with count_queries(env) as log:
        block()
    return log.count


def test_reading_a_column_in_a_loop_is_one_query(env, count_queries, records):
    assert queries(env, count_queries, lambda: [r.name for r in records]) == 1


def test_other_columns_come_with_the_first_one(env, count_queries, records):
    def loop():
        for record in records:
            record.name, record.priority, record.state  # noqa: B018

    assert queries(env, count_queries, loop) == 1


def test_following_a_many2one_in_a_loop_is_one_query_per_model(env, count_queries, records):
    assert queries(env, count_queries, lambda: [r.partner_id.name for r in records]) == 2


def test_one2many_in_a_loop_is_fetched_for_all_records_at_once(env, count_queries, records):
    assert queries(env, count_queries, lambda: [r.line_ids.ids for r in records]) == 2


def test_many2many_in_a_loop_is_fetched_for_all_records_at_once(env, count_queries, records):
    assert queries(env, count_queries, lambda: [r.tag_ids.mapped("name") for r in records]) == 3


def test_non_stored_compute_in_a_loop_runs_once_for_the_batch(env, count_queries, records):
    assert queries(env, count_queries, lambda: [r.line_count for r in records]) == 2


def test_related_field_in_a_loop(env, count_queries, records):
    assert queries(env, count_queries, lambda: [r.partner_email for r in records]) == 2


def test_browsed_ids_prefetch_together(env, count_queries, records):
    browsed = env["test.orm.record"].browse(records.ids)
    assert queries(env, count_queries, lambda: [r.name for r in browsed]) == 1


def test_mapped_path_costs_one_query_per_step(env, count_queries, records):
    assert queries(env, count_queries, lambda: records.mapped("partner_id.email")) == 2


def test_read_of_columns_and_relations_is_bounded(env, count_queries, records):
    # the column fetch also tells which records exist: no separate existence check (nexa/orm/read.py)
    assert queries(env, count_queries, lambda: records.read(["name", "partner_id", "tag_ids", "line_ids"])) == 6


def test_search_read_is_bounded(env, count_queries, records):
    # one statement for the page and its columns, one for the partners' names (nexa/orm/rows.py)
    assert queries(env, count_queries, lambda: env["test.orm.record"].search_read([], ["name", "partner_id"])) == 2


def test_values_in_cache_cost_nothing(env, count_queries, records):
    [r.name for r in records]
    with count_queries(env) as log:
        [r.name for r in records]
    assert log.count == 0


def test_prefetch_works_in_batches_of_prefetch_max(env, count_queries, size):
    tags = env["test.orm.tag"].create([{"name": f"many {i}"} for i in range(PREFETCH_MAX + size)])
    assert queries(env, count_queries, lambda: [t.name for t in tags]) == 2
