"""The ``id`` field every model has."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer

from nexa.orm.fields.base import Field


class Id(Field):
    """The primary key; readable, searchable, never written."""

    type = "integer"

    def bind(self, model_name: str, name: str, addon: str) -> None:
        super().bind(model_name, name, addon)
        self.string = "ID"
        self.readonly = True

    def column_type(self) -> Any:
        return Integer()

    def __get__(self, record: Any, owner: type | None = None) -> Any:
        if record is None:
            return self
        if not record._ids:
            return False
        record.ensure_one()
        return record._ids[0]

    def __set__(self, record: Any, value: Any) -> None:
        raise TypeError("The id of a record cannot be changed")

    def to_cache(self, value: Any, env: Any) -> int | None:
        if value is None or value is False:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.isdigit():
                return int(value)
            raise self.invalid(value, "a record id")
        return value
