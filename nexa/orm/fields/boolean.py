"""Boolean: true or false, never empty."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean as SqlBoolean
from sqlalchemy import false, or_, true
from sqlalchemy.sql import ColumnElement

from nexa.orm.fields.base import Field


class Boolean(Field):
    """True or False; NULL in the database reads as False."""

    type = "boolean"
    operators = frozenset({"=", "!=", "<>", "in", "not in"})

    def column_type(self) -> Any:
        return SqlBoolean()

    def to_cache(self, value: Any, env: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise self.invalid(value, "True or False")

    def from_column(self, value: Any) -> bool:
        return bool(value)

    def is_empty(self, column: ColumnElement) -> ColumnElement:
        return or_(column.is_(None), column == false())

    def to_record(self, value: Any, record: Any) -> bool:
        return bool(value)

    def to_read(self, value: Any, record: Any) -> bool:
        return bool(value)

    def column_reader(self) -> Any:
        return (lambda values: [bool(value) for value in values]) if self._converts_as(Boolean, Boolean) else None

    def condition(self, column: ColumnElement, operator: str, value: Any, env: Any) -> ColumnElement:
        self.check_operator(operator)
        if operator in ("in", "not in"):
            values = {self.to_cache(v, env) for v in (value if isinstance(value, (list, tuple, set)) else [value])}
            if values == {True, False}:
                return true() if operator == "in" else false()
            if not values:
                return false() if operator == "in" else true()
            operator, value = ("=" if operator == "in" else "!="), values.pop()
        wanted = self.to_cache(value, env)
        if operator in ("!=", "<>"):
            wanted = not wanted
        return column == true() if wanted else self.is_empty(column)
