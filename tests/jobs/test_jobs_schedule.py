"""Intervals, next calls and retry delays (pure arithmetic)."""

from datetime import datetime, timedelta

import pytest

from nexa.jobs.schedule import add_interval, add_months, next_call_after, retry_delay


def test_adding_a_month_clamps_the_day_to_the_end_of_the_shorter_month():
    assert add_months(datetime(2024, 1, 31, 9, 30), 1) == datetime(2024, 2, 29, 9, 30)  # leap year
    assert add_months(datetime(2023, 1, 31), 1) == datetime(2023, 2, 28)
    assert add_months(datetime(2024, 3, 31), 1) == datetime(2024, 4, 30)


def test_months_cross_year_boundaries_both_ways():
    assert add_months(datetime(2024, 11, 15), 3) == datetime(2025, 2, 15)
    assert add_months(datetime(2024, 1, 15), -2) == datetime(2023, 11, 15)
    assert add_months(datetime(2024, 2, 29), 12) == datetime(2025, 2, 28)


def test_fixed_intervals_add_exact_durations():
    start = datetime(2024, 1, 1)
    assert add_interval(start, 90, "minutes") == datetime(2024, 1, 1, 1, 30)
    assert add_interval(start, 2, "weeks") == datetime(2024, 1, 15)


def test_an_unknown_interval_type_names_the_valid_ones():
    with pytest.raises(ValueError, match="'fortnights': use one of minutes, hours, days, weeks, months"):
        add_interval(datetime(2024, 1, 1), 1, "fortnights")


def test_next_call_is_one_interval_later_when_on_time():
    nextcall = datetime(2024, 1, 1, 6)
    assert next_call_after(nextcall, 1, "days", now=nextcall) == datetime(2024, 1, 2, 6)


def test_missed_calls_are_skipped_not_replayed():
    nextcall = datetime(2024, 1, 1, 0, 0)
    now = datetime(2024, 1, 1, 10, 7)
    assert next_call_after(nextcall, 15, "minutes", now=now) == datetime(2024, 1, 1, 10, 15)


def test_monthly_calls_from_the_31st_land_on_each_month_end_without_drifting():
    nextcall = datetime(2024, 1, 31, 6)
    assert next_call_after(nextcall, 1, "months", now=nextcall) == datetime(2024, 2, 29, 6)
    # three months late: counted from 31 January, so March keeps its 31st
    assert next_call_after(nextcall, 1, "months", now=datetime(2024, 3, 5)) == datetime(2024, 3, 31, 6)
    assert next_call_after(nextcall, 2, "months", now=datetime(2024, 3, 5)) == datetime(2024, 3, 31, 6)


def test_an_interval_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1 days, not 0"):
        next_call_after(datetime(2024, 1, 1), 0, "days", now=datetime(2024, 1, 2))


def test_retry_delays_double_up_to_an_hour():
    assert [retry_delay(attempt).total_seconds() for attempt in (1, 2, 3)] == [10, 20, 40]
    assert retry_delay(30) == timedelta(hours=1)
