"""Text fields: Char (one line), Text (multi-line) and Html (sanitized markup)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, or_
from sqlalchemy import Text as SqlText
from sqlalchemy.sql import ColumnElement

from nexa.orm.fields.base import Field


class Text(Field):
    """Multi-line text without size limit."""

    type = "text"

    def column_type(self) -> Any:
        return SqlText()

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
