"""Text fields: Char (one line), Text (multi-line) and Html (sanitized markup)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, or_
from sqlalchemy import Text as SqlText
from sqlalchemy.sql import ColumnElement

from nexa.orm.fields.base import Field, empty_as_false
from nexa.orm.translation import search_expression, translate


class Text(Field):
    """Multi-line text without size limit.

    With ``translate=True`` (Char, Text, Html) the field holds one value per language:
    reads, writes and searches follow the context's ``lang`` (see :mod:`nexa.orm.translation`).
    """

    type = "text"
    #: The companion field holding the other languages of a stored translated field (set by the registry).
    translations_field: Any = None

    def column_type(self) -> Any:
        return SqlText()

    def to_record(self, value: Any, record: Any) -> Any:
        if self.translations_field is not None:
            value = translate(self, value, record)
        return False if value is None else value

    def to_read(self, value: Any, record: Any) -> Any:
        return self.to_record(value, record)

    def column_reader(self) -> Any:
        if self.translations_field is None and self._converts_as(Field, Text) \
                and type(self).to_record is Text.to_record:
            return empty_as_false
        return None

    def condition(self, column: ColumnElement, operator: str, value: Any, env: Any) -> ColumnElement:
        if self.translations_field is not None:
            column = search_expression(self, column, env)
        return super().condition(column, operator, value, env)

    def to_cache(self, value: Any, env: Any) -> str | None:
        if value is None or value is False:
            return None
        if not isinstance(value, str):
            raise self.invalid(value, "a string")
        return value

    def is_empty(self, column: ColumnElement) -> ColumnElement:
        return or_(column.is_(None), column == "")


class Char(Text):
    """A single line of text, optionally limited to ``size`` characters; surrounding spaces trimmed."""

    type = "char"
    type_options = {"size": None}

    def column_type(self) -> Any:
        return String(self.size) if self.size else String()

    def to_cache(self, value: Any, env: Any) -> str | None:
        if type(value) is not str:  # plain text goes straight on: create batches convert many values
            value = super().to_cache(value, env)
            if value is None:
                return None
        if self.trim:
            value = value.strip()
        if self.size and len(value) > self.size:
            raise self.invalid(value, f"at most {self.size} characters")
        return value or None


class Html(Text):
    """Markup shown as rich text; ``sanitize`` (default True) strips scripts on write."""

    type = "html"
    type_options = {"sanitize": True}

    def to_cache(self, value: Any, env: Any) -> str | None:
        value = super().to_cache(value, env)
        if value and self.sanitize:
            from nexa.orm.fields.sanitize import sanitize_html

            value = sanitize_html(value)
        return value
