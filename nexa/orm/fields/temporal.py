"""Dates and datetimes. Datetimes are stored naive, in UTC, as Odoo does."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date as SqlDate
from sqlalchemy import DateTime as SqlDateTime

from nexa.orm.fields.base import Field

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class Date(Field):
    """A calendar date; on the wire ``"YYYY-MM-DD"``."""

    type = "date"
    type_options = {"aggregator": None}

    def column_type(self) -> Any:
        return SqlDate()

    def to_cache(self, value: Any, env: Any) -> dt.date | None:
        if value is None or value is False or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.datetime.strptime(value[:10], DATE_FORMAT).date()
            except ValueError:
                pass
        raise self.invalid(value, "a date 'YYYY-MM-DD'")

    def from_column(self, value: Any) -> dt.date | None:
        if isinstance(value, str):  # SQLite returns text for expressions
            return dt.date.fromisoformat(value[:10])
        return value

    def to_read(self, value: Any, record: Any) -> str | bool:
        return value.strftime(DATE_FORMAT) if value else False

    def column_reader(self) -> Any:
        return self._composed_reader() if self._converts_as(Date, Date) else None

    def convert_default(self, value: Any, env: Any) -> Any:
        value = self.to_cache(value, env)
        return value.strftime(DATE_FORMAT) if value else False

    @staticmethod
    def today(*_args: Any) -> dt.date:
        """Today's date (usable as ``default=fields.Date.today``)."""
        return dt.date.today()

    @staticmethod
    def to_string(value: dt.date) -> str:
        return value.strftime(DATE_FORMAT)


class Datetime(Field):
    """A moment in time, naive UTC; on the wire ``"YYYY-MM-DD HH:MM:SS"``."""

    type = "datetime"
    type_options = {"aggregator": None}

    def column_type(self) -> Any:
        return SqlDateTime()

    def to_cache(self, value: Any, env: Any) -> dt.datetime | None:
        if value is None or value is False or value == "":
            return None
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(dt.UTC).replace(tzinfo=None)
            return value.replace(microsecond=0)
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time())
        if isinstance(value, str):
            text = value.strip().replace("T", " ")
            for fmt, length in ((DATETIME_FORMAT, 19), ("%Y-%m-%d %H:%M", 16), (DATE_FORMAT, 10)):
                try:
                    return dt.datetime.strptime(text[:length], fmt)
                except ValueError:
                    continue
        raise self.invalid(value, "a datetime 'YYYY-MM-DD HH:MM:SS' (UTC)")

    def from_column(self, value: Any) -> dt.datetime | None:
        if isinstance(value, str):
            return dt.datetime.fromisoformat(value)
        return value

    def to_read(self, value: Any, record: Any) -> str | bool:
        return value.strftime(DATETIME_FORMAT) if value else False

    def column_reader(self) -> Any:
        return self._composed_reader() if self._converts_as(Datetime, Datetime) else None

    def convert_default(self, value: Any, env: Any) -> Any:
        value = self.to_cache(value, env)
        return value.strftime(DATETIME_FORMAT) if value else False

    @staticmethod
    def now(*_args: Any) -> dt.datetime:
        """The current UTC time without microseconds (``default=fields.Datetime.now``)."""
        return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)

    @staticmethod
    def to_string(value: dt.datetime) -> str:
        return value.strftime(DATETIME_FORMAT)
