"""Numbers: Integer, Float (with ``digits`` precision) and Monetary (in a currency)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Numeric
from sqlalchemy import Float as SqlFloat
from sqlalchemy import Integer as SqlInteger

from nexa.orm.fields.base import Field


class Integer(Field):
    """A whole number; empty reads as 0, as in Odoo."""

    type = "integer"
    #: ``aggregator``: how read_group aggregates the field (``group_operator`` is Odoo 17's name for it).
    type_options = {"big": False, "aggregator": "sum", "group_operator": None}

    def bind(self, model_name: str, name: str, addon: str) -> None:
        super().bind(model_name, name, addon)
        if self.group_operator:
            self.aggregator = self.group_operator

    def column_type(self) -> Any:
        return BigInteger() if self.big else SqlInteger()

    def to_cache(self, value: Any, env: Any) -> int | None:
        if value is None or value is False:
            return None
        if isinstance(value, bool):
            raise self.invalid(value, "an integer")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise self.invalid(value, "an integer")

    def to_record(self, value: Any, record: Any) -> int:
        return value or 0

    def to_read(self, value: Any, record: Any) -> int:
        return value or 0

    def column_reader(self) -> Any:
        if self._converts_as(Field, Integer):
            return lambda values: [value or 0 for value in values]
        return self._composed_reader() if self._converts_as(Float, Float) else None

    def empty_record_value(self, record: Any) -> int:
        return 0


class Float(Integer):
    """A floating point number; ``digits=(precision, scale)`` rounds values on write."""

    type = "float"
    type_options = {"digits": None, "aggregator": "sum", "group_operator": None}

    def column_type(self) -> Any:
        if self.digits:
            precision, scale = self.digits
            return Numeric(precision, scale, asdecimal=False)
        return SqlFloat()

    def to_cache(self, value: Any, env: Any) -> float | None:
        if value is None or value is False:
            return None
        if isinstance(value, bool):
            raise self.invalid(value, "a number")
        if isinstance(value, (int, float, Decimal)):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                raise self.invalid(value, "a number") from None
        else:
            raise self.invalid(value, "a number")
        if self.digits:
            number = round(number, self.digits[1])
        return number

    def from_column(self, value: Any) -> float | None:
        return None if value is None else float(value)

    def to_record(self, value: Any, record: Any) -> float:
        return value or 0.0

    def to_read(self, value: Any, record: Any) -> float:
        return value or 0.0

    def empty_record_value(self, record: Any) -> float:
        return 0.0


class Monetary(Float):
    """An amount in the currency named by ``currency_field`` (default ``currency_id``)."""

    type = "monetary"
    type_options = {**Float.type_options, "currency_field": "currency_id"}

    def column_type(self) -> Any:
        return Numeric(asdecimal=False)
