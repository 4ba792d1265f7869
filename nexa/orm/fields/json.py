"""Json: any JSON-serialisable value stored as JSON text."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, not_, or_
from sqlalchemy.sql import ColumnElement

from nexa.orm.fields.base import Field


class Json(Field):
    """A JSON document (dict, list, number, string or bool)."""

    type = "json"
    operators = frozenset({"=", "!="})

    def column_type(self) -> Any:
        return JSON(none_as_null=True)

    def condition(self, column: ColumnElement, operator: str, value: Any, env: Any) -> ColumnElement:
        """Compare whole documents (the database decides how: see Dialect.json_equal)."""
        self.check_operator(operator)
        if value is None or value is False:
            return super().condition(column, operator, value, env)
        equal = env.dialect.json_equal(column, self.to_cache(value, env))
        return equal if operator == "=" else or_(not_(equal), column.is_(None))

    def to_cache(self, value: Any, env: Any) -> Any:
        if value is None or value is False:
            return None
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            raise self.invalid(value, "a JSON-serialisable value") from None
        return value
