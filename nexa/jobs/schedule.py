"""Time arithmetic of jobs and crons: intervals (months included), next calls, retry delays.

Pure functions of naive UTC datetimes (how ``Datetime`` fields store moments)::

    >>> add_interval(datetime(2024, 1, 31, 9), 1, "months")
    datetime.datetime(2024, 2, 29, 9, 0)
    >>> next_call_after(datetime(2024, 1, 1), 1, "days", now=datetime(2024, 1, 3, 12))
    datetime.datetime(2024, 1, 4, 0, 0)
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

#: The units of ``ir.cron.interval_type`` (the selection's values and labels).
INTERVAL_TYPES = [("minutes", "Minutes"), ("hours", "Hours"), ("days", "Days"), ("weeks", "Weeks"),
                  ("months", "Months")]
_FIXED = {"minutes": timedelta(minutes=1), "hours": timedelta(hours=1), "days": timedelta(days=1),
          "weeks": timedelta(weeks=1)}

#: The first retry of a failed job waits this long; each further retry twice as long as the one before.
FIRST_RETRY_DELAY = timedelta(seconds=10)
MAX_RETRY_DELAY = timedelta(hours=1)


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` plus ``months`` calendar months, the day clamped to the target month (31 Jan + 1 = 29 Feb)."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def add_interval(moment: datetime, number: int, unit: str) -> datetime:
    """``moment`` plus ``number`` ``unit`` (one of :data:`INTERVAL_TYPES`)."""
    if unit == "months":
        return add_months(moment, number)
    if unit not in _FIXED:
        names = ", ".join(name for name, _label in INTERVAL_TYPES)
        raise ValueError(f"Unknown interval type {unit!r}: use one of {names}")
    return moment + number * _FIXED[unit]


def next_call_after(nextcall: datetime, number: int, unit: str, *, now: datetime) -> datetime:
    """The first ``nextcall + k * interval`` (k >= 1) later than ``now``: calls missed while no worker ran
    are skipped, not run one after the other.

    Months are counted from ``nextcall`` each time (``k * number`` months), so a run late by several months
    does not drift: 31 Jan → 29 Feb → 31 Mar when computed from 31 Jan.
    """
    if number < 1:
        raise ValueError(f"The interval must be at least 1 {unit}, not {number}")
    if unit in _FIXED:
        step = number * _FIXED[unit]
        missed = max(0, (now - nextcall) // step)  # whole intervals already behind
        candidate = nextcall + (missed + 1) * step
        return candidate if candidate > now else candidate + step
    k = 1
    while (candidate := add_interval(nextcall, k * number, unit)) <= now:
        k += 1
    return candidate


def retry_delay(attempt: int) -> timedelta:
    """How long a job waits before attempt ``attempt + 1`` after attempt ``attempt`` (1-based) failed."""
    return min(FIRST_RETRY_DELAY * 2 ** (attempt - 1), MAX_RETRY_DELAY)
