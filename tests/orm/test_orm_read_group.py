"""read_group (nexa.orm.grouping): Odoo 17's arguments and result shape, in one SQL query."""

from __future__ import annotations

import datetime as dt

import pytest

from nexa.exceptions import ValidationError
from nexa.orm import Command
from nexa.rpc.dispatch import call_kw

pytestmark = pytest.mark.addons("test_orm_depth")


@pytest.fixture
def data(env):
    """Five orders of two customers over three months, with stages, tags and lines."""
    ann, bob = env["res.partner"].create([{"name": "Ann"}, {"name": "Bob"}])
    new, won = env.ref("test_orm_depth.stage_new"), env.ref("test_orm_depth.stage_won")
    red, blue = env["test.depth.tag"].create([{"name": "red"}, {"name": "blue"}])

    def order(partner, day, total, **values):
        return env["test.depth.order"].create({
            "partner_id": partner.id, "date_order": day, "line_ids": [Command.create({"name": "x", "price": total})],
            **values})

    orders = [
        order(ann, "2024-01-10", 100, stage_id=new.id, state="sale", tag_ids=[red.id], priority=1,
              moment="2024-01-10 23:30:00"),
        order(ann, "2024-01-20", 50, stage_id=won.id, state="sale", tag_ids=[red.id, blue.id], priority=2),
        order(ann, "2024-02-05", 30, stage_id=won.id, state="draft", priority=3),
        order(bob, "2024-04-01", 20, stage_id=new.id, state="sale", tag_ids=[blue.id], priority=4, confirmed=True),
        order(bob, "2024-04-02", 10, state="done", priority=5, confirmed=True),
    ]
    return {"ann": ann, "bob": bob, "new": new, "won": won, "red": red, "blue": blue, "orders": orders,
            "domain": [("id", "in", [o.id for o in orders])]}


def groups(env, data, fields, groupby, **options):
    return env["test.depth.order"].read_group(data["domain"], fields, groupby, **options)


# -- grouping by fields -----------------------------------------------------------------------------------


def test_group_by_many2one_gives_id_name_pairs_counts_and_sums(env, data):
    result = groups(env, data, ["amount_total:sum"], ["partner_id"])
    assert [(g["partner_id"], g["partner_id_count"], g["amount_total"]) for g in result] == [
        ((data["ann"].id, "Ann"), 3, 180.0), ((data["bob"].id, "Bob"), 2, 30.0)]


def test_each_group_has_the_domain_of_its_records(env, data):
    for group in groups(env, data, [], ["partner_id"]):
        found = env["test.depth.order"].search(group["__domain"])
        assert len(found) == group["partner_id_count"] and found.mapped("partner_id").id == group["partner_id"][0]


def test_many2one_groups_follow_the_comodel_order(env, data):
    result = groups(env, data, [], ["stage_id"], lazy=False)
    assert [g["stage_id"] for g in result] == [(data["new"].id, "New"), (data["won"].id, "Won"), False]


def test_the_group_without_a_value_is_false_and_its_domain_finds_it(env, data):
    [empty] = [g for g in groups(env, data, [], ["stage_id"], lazy=False) if not g["stage_id"]]
    assert env["test.depth.order"].search(empty["__domain"]) == data["orders"][4]


def test_group_by_selection_and_boolean(env, data):
    states = {g["state"]: g["state_count"] for g in groups(env, data, [], ["state"], lazy=True)}
    flags = {g["confirmed"]: g["confirmed_count"] for g in groups(env, data, [], ["confirmed"])}
    assert (states["sale"], states["draft"], states["done"], flags[True], flags[False]) == (3, 1, 1, 2, 3)


def test_group_by_many2many_counts_each_linked_record(env, data):
    result = groups(env, data, ["amount_total:sum"], ["tag_ids"])
    assert {g["tag_ids"]: (g["tag_ids_count"], g["amount_total"]) for g in result} == {
        (data["blue"].id, "blue"): (2, 70.0), (data["red"].id, "red"): (2, 150.0), False: (2, 40.0)}


# -- dates --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("granularity, labels", [
    ("day", ["10 Jan 2024", "20 Jan 2024", "05 Feb 2024", "01 Apr 2024", "02 Apr 2024"]),
    ("week", ["W2 2024", "W3 2024", "W6 2024", "W14 2024"]),
    ("month", ["January 2024", "February 2024", "April 2024"]),
    ("quarter", ["Q1 2024", "Q2 2024"]),
    ("year", ["2024"]),
])
def test_date_granularities_label_each_group(env, data, granularity, labels):
    result = groups(env, data, [], [f"date_order:{granularity}"])
    assert [g[f"date_order:{granularity}"] for g in result] == labels
    assert sum(g["date_order_count"] for g in result) == 5


def test_a_date_without_granularity_is_grouped_by_month(env, data):
    assert [g["date_order"] for g in groups(env, data, [], ["date_order"])] == [
        "January 2024", "February 2024", "April 2024"]


def test_date_groups_carry_their_range_and_a_domain_on_it(env, data):
    january = groups(env, data, [], ["date_order:month"])[0]
    assert january["__range"] == {"date_order:month": {"from": "2024-01-01", "to": "2024-02-01"}}
    assert len(env["test.depth.order"].search(january["__domain"])) == 2


def test_quarters_end_three_months_later(env, data):
    first = groups(env, data, [], ["date_order:quarter"])[0]
    assert first["__range"]["date_order:quarter"] == {"from": "2024-01-01", "to": "2024-04-01"}


def test_datetime_groups_have_datetime_bounds(env, data):
    [day, empty] = groups(env, data, [], ["moment:day"])
    assert day["__range"]["moment:day"] == {"from": "2024-01-10 00:00:00", "to": "2024-01-11 00:00:00"}
    assert (day["moment:day"], empty["moment:day"], empty["__range"]["moment:day"]) == ("10 Jan 2024", False, False)


def test_datetimes_are_grouped_by_the_days_of_the_users_time_zone(env, data):
    """23:30 UTC on 10 January is already the 11th in Brussels (UTC+1 in winter)."""
    brussels = env["test.depth.order"].with_context(tz="Europe/Brussels")
    [day, _empty] = brussels.read_group(data["domain"], [], ["moment:day"])
    assert day["moment:day"] == "11 Jan 2024"
    assert day["__range"]["moment:day"] == {"from": "2024-01-10 23:00:00", "to": "2024-01-11 23:00:00"}
    assert brussels.search(day["__domain"]) == data["orders"][0]


def test_time_zone_bounds_follow_daylight_saving_time(env, data):
    data["orders"][0].moment = "2024-03-31 22:30:00"  # 00:30 on 1 April in Brussels (UTC+2 since 31 March)
    brussels = env["test.depth.order"].with_context(tz="Europe/Brussels")
    [month, _empty] = brussels.read_group(data["domain"], [], ["moment:month"])
    assert month["moment:month"] == "April 2024"
    assert month["__range"]["moment:month"] == {"from": "2024-03-31 22:00:00", "to": "2024-04-30 22:00:00"}


def test_utc_and_no_time_zone_group_alike(env, data):
    plain = groups(env, data, [], ["moment:day"])
    in_utc = env["test.depth.order"].with_context(tz="UTC").read_group(data["domain"], [], ["moment:day"])
    assert plain == in_utc and plain[0]["moment:day"] == "10 Jan 2024"


def test_an_unknown_time_zone_is_refused_by_name(env, data):
    with pytest.raises(ValidationError, match="Unknown time zone 'Mars/Olympus'"):
        env["test.depth.order"].with_context(tz="Mars/Olympus").read_group(data["domain"], [], ["moment:day"])


def test_dates_ignore_the_time_zone(env, data):
    in_tokyo = env["test.depth.order"].with_context(tz="Asia/Tokyo").read_group(data["domain"], [],
                                                                              ["date_order:month"])
    assert [group["date_order:month"] for group in in_tokyo] == ["January 2024", "February 2024", "April 2024"]


# -- aggregates -----------------------------------------------------------------------------------------------


def test_every_aggregate_function(env, data):
    [group] = groups(env, data, ["priority:sum", "mean:avg(priority)", "low:min(priority)", "high:max(priority)",
                                 "priced:count(amount_total)", "customers:count_distinct(partner_id)",
                                 "all_confirmed:bool_and(confirmed)", "any_confirmed:bool_or(confirmed)"], [])
    assert {key: group[key] for key in ("priority", "mean", "low", "high", "priced", "customers", "all_confirmed",
                                        "any_confirmed", "__count")} == {
        "priority": 15, "mean": 3.0, "low": 1, "high": 5, "priced": 5, "customers": 2, "all_confirmed": False,
        "any_confirmed": True, "__count": 5}


def test_average(env, data):
    [group] = groups(env, data, ["amount_total:avg"], [])
    assert group["amount_total"] == pytest.approx(42.0)


def test_a_plain_numeric_field_is_summed_by_default(env, data):
    [group] = groups(env, data, ["amount_total", "priority", "reference"], [])
    assert (group["amount_total"], group["priority"], "reference" in group) == (210.0, 15, False)


def test_min_and_max_of_a_date_are_dates(env, data):
    [group] = groups(env, data, ["first:min(date_order)", "last:max(date_order)"], [])
    assert (group["first"], group["last"]) == (dt.date(2024, 1, 10), dt.date(2024, 4, 2))


def test_without_groupby_one_group_totals_everything(env, data):
    assert groups(env, data, ["amount_total:sum"], []) == [
        {"__count": 5, "amount_total": 210.0, "__domain": data["domain"]}]


# -- lazy, ordering, paging ---------------------------------------------------------------------------------


def test_lazy_grouping_applies_the_first_groupby_and_passes_the_rest(env, data):
    result = groups(env, data, [], ["partner_id", "state"])
    assert len(result) == 2 and all(g["__context"] == {"group_by": ["state"]} for g in result)


def test_eager_grouping_applies_every_groupby_with_count(env, data):
    result = groups(env, data, [], ["partner_id", "state"], lazy=False)
    assert [(g["partner_id"][1], g["state"], g["__count"]) for g in result] == [
        ("Ann", "draft", 1), ("Ann", "sale", 2), ("Bob", "done", 1), ("Bob", "sale", 1)]
    assert not any("__context" in g for g in result)


def test_order_by_an_aggregate(env, data):
    result = groups(env, data, ["amount_total:sum"], ["stage_id"], orderby="amount_total desc", lazy=False)
    assert [g["amount_total"] for g in result] == [120.0, 80.0, 10.0]


def test_order_by_the_group_descending(env, data):
    result = groups(env, data, [], ["partner_id"], orderby="partner_id desc")
    assert [g["partner_id"][1] for g in result] == ["Bob", "Ann"]


def test_limit_and_offset_page_the_groups(env, data):
    result = groups(env, data, [], ["date_order:day"], offset=1, limit=2)
    assert [g["date_order:day"] for g in result] == ["20 Jan 2024", "05 Feb 2024"]


def test_group_expand_adds_empty_stages_with_their_fold(env, data):
    result = groups(env, data, [], ["stage_id"])
    lost = env.ref("test_orm_depth.stage_lost")
    assert [(g["stage_id"], g["stage_id_count"], g["__fold"]) for g in result] == [
        ((data["new"].id, "New"), 2, False), ((data["won"].id, "Won"), 2, False), ((lost.id, "Lost"), 0, True),
        (False, 1, False)]


def test_group_expand_on_a_selection_adds_the_listed_keys(env, data):
    result = env["test.depth.order"].read_group([("id", "=", data["orders"][0].id)], [], ["state"])
    assert [(g["state"], g["state_count"]) for g in result] == [("draft", 0), ("sale", 1), ("done", 0)]


# -- security and errors ------------------------------------------------------------------------------------


def test_record_rules_apply_to_the_groups(env, data):
    model = env["ir.model"].search([("model", "=", "test.depth.order")])
    env["ir.rule"].create({"name": "only important", "model_id": model.id, "domain_force": "[('priority', '>', 3)]"})
    user = env["res.users"].create({"name": "Grouper", "login": "grouper"})
    result = env["test.depth.order"].with_user(user).read_group(data["domain"], [], ["partner_id"])
    assert [(g["partner_id"][1], g["partner_id_count"]) for g in result] == [("Bob", 2)]


def test_unknown_groupby_field_is_named_with_a_suggestion(env, data):
    with pytest.raises(ValidationError, match=r"'partnr_id'.*did you mean 'partner_id'"):
        groups(env, data, [], ["partnr_id"])


def test_unknown_granularity_lists_the_valid_ones(env, data):
    with pytest.raises(ValidationError, match="day, week, month, quarter, year"):
        groups(env, data, [], ["date_order:decade"])


def test_unknown_aggregate_is_named(env, data):
    with pytest.raises(ValidationError, match="'median'"):
        groups(env, data, ["amount_total:median"], [])


def test_ordering_by_something_not_grouped_is_refused(env, data):
    with pytest.raises(ValidationError, match="order by a groupby field or an aggregate"):
        groups(env, data, [], ["partner_id"], orderby="reference")


def test_grouping_by_a_non_stored_field_is_refused(env, data):
    with pytest.raises(ValidationError, match="only stored fields"):
        groups(env, data, [], ["line_count"])


def test_read_group_is_one_query_plus_the_group_names(env, data, count_queries):
    with count_queries(env) as log:
        groups(env, data, ["amount_total:sum"], ["partner_id"])
    assert log.count <= 3


def test_read_group_over_rpc_as_the_web_client_calls_it(env, data):
    from nexa.rpc.wire import to_wire

    result = call_kw(env["test.depth.order"], "read_group", [], {
        "domain": data["domain"], "fields": ["partner_id", "amount_total:sum"], "groupby": ["partner_id"],
        "lazy": True, "context": {}})
    assert to_wire(result)[0] == {"partner_id": [data["ann"].id, "Ann"], "partner_id_count": 3,
                                  "amount_total": 180.0, "__domain": ["&", ["id", "in", data["domain"][0][2]],
                                                                      ["partner_id", "=", data["ann"].id]]}
