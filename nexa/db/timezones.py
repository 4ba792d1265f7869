"""Time zones for datetimes stored in UTC: checked names, and SQL that shows a UTC value in a zone.

Datetimes are stored as naive UTC, as Odoo does. Grouping them by day or month must use
the user's wall clock (an order taken at 23:30 UTC on 31 January belongs to February in
Brussels), so :func:`in_time_zone` turns a column into local time inside the query:
PostgreSQL has ``timezone()``; SQLite has no time-zone database, so each SQLite
connection gets the Python function :func:`sqlite_in_time_zone` under the name
``nexa_in_time_zone`` (registered by :mod:`nexa.db.engine`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func
from sqlalchemy.sql import ColumnElement

from nexa.exceptions import ValidationError

SQLITE_FUNCTION = "nexa_in_time_zone"


def time_zone(name: Any) -> ZoneInfo | None:
    """The zone named ``name`` (an IANA name such as ``Europe/Brussels``); None for none or UTC."""
    if not name or name in ("UTC", "Etc/UTC"):
        return None
    try:
        return ZoneInfo(str(name))  # ZoneInfo keeps the zones it has built
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"Unknown time zone {name!r} in the context: use an IANA name such as "
                              "'Europe/Brussels' (or leave 'tz' out for UTC)", value=str(name)) from None


def in_time_zone(dialect: Any, column: ColumnElement, zone: ZoneInfo) -> ColumnElement:
    """``column`` (a naive UTC datetime) as the naive wall-clock time of ``zone``, in SQL."""
    if dialect.is_postgres:
        return func.timezone(zone.key, func.timezone("UTC", column))
    return getattr(func, SQLITE_FUNCTION)(column, zone.key)


def sqlite_in_time_zone(value: str | None, zone_name: str) -> str | None:
    """SQLite's ``nexa_in_time_zone(value, zone)``: a stored UTC datetime text shown in ``zone``."""
    if value is None:
        return None
    moment = dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    return moment.astimezone(ZoneInfo(zone_name)).strftime("%Y-%m-%d %H:%M:%S")


def utc_of_local_midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The naive UTC datetime at which ``day`` starts in ``zone``."""
    return dt.datetime.combine(day, dt.time(), zone).astimezone(dt.UTC).replace(tzinfo=None)
