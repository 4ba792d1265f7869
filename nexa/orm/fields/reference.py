"""Reference: a link to a record of any model among ``selection``, stored as ``"model,id"``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String

from nexa.orm.fields.selection import Selection


class Reference(Selection):
    """A ``"model,id"`` pair; ``record.field`` returns the record (or False)."""

    type = "reference"

    def column_type(self) -> Any:
        return String()

    def to_cache(self, value: Any, env: Any) -> str | None:
        if value is None or value is False:
            return None
        if hasattr(value, "_ids") and hasattr(value, "_name"):
            if len(value._ids) != 1:
                raise self.invalid(value, "a single record")
            value = f"{value._name},{value._ids[0]}"
        if not isinstance(value, str) or value.count(",") != 1:
            raise self.invalid(value, "'model,id'")
        model, _sep, record_id = value.partition(",")
        allowed = [key for key, _label in self.get_values(env)]
        if model not in allowed or not record_id.isdigit():
            raise self.invalid(value, f"'model,id' with model among {', '.join(allowed)}")
        return value

    def to_record(self, value: Any, record: Any) -> Any:
        if not value:
            return False
        model, _sep, record_id = value.partition(",")
        return record.env[model].browse(int(record_id))
