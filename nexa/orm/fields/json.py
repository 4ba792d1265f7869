"""Json: any JSON-serialisable value stored as JSON text."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON

from nexa.orm.fields.base import Field


class Json(Field):
    """A JSON document (dict, list, number, string or bool)."""

    type = "json"
    operators = frozenset({"=", "!="})

    def column_type(self) -> Any:
        return JSON(none_as_null=True)

    def to_cache(self, value: Any, env: Any) -> Any:
        if value is None or value is False:
            return None
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            raise self.invalid(value, "a JSON-serialisable value") from None
        return value
