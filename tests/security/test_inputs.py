"""Which client values may reach SQL at all (nexa.security.inputs): pure checks, no database."""

from __future__ import annotations

import math

import pytest

from nexa.exceptions import ValidationError
from nexa.orm import fields
from nexa.security.inputs import check_record_ids, check_storable_rows, check_wire_values


@pytest.mark.parametrize("value", [2 ** 63, -(2 ** 63) - 1, math.inf, -math.inf, math.nan, "a\x00b"])
def test_values_no_database_can_bind_are_refused(value):
    with pytest.raises(ValidationError):
        check_wire_values({"args": [[["name", "=", value]]]})


def test_a_nested_bad_value_is_found():
    with pytest.raises(ValidationError, match="64 bits"):
        check_wire_values({"kwargs": {"context": {"deep": [[{"x": 2 ** 70}]]}}})


@pytest.mark.parametrize("value", [2 ** 63 - 1, -(2 ** 63), 1e300, "it's 100% _fine_ \\", True, None, {"k": [1.5]}])
def test_values_every_database_binds_pass(value):
    check_wire_values([value])


def test_a_dict_key_is_checked_too():
    with pytest.raises(ValidationError):
        check_wire_values({"a\x00": 1})


def test_absurd_nesting_is_refused():
    value: list = []
    for _level in range(300):
        value = [value]
    with pytest.raises(ValidationError, match="nested"):
        check_wire_values(value)


def test_an_integer_column_holds_32_bits():
    field = fields.Integer()
    field.bind("x.model", "count", "x")
    check_storable_rows("x.model", [field], [{"count": 2 ** 31 - 1}])
    with pytest.raises(ValidationError, match=r"x\.model\.count"):
        check_storable_rows("x.model", [field], [{"count": 2 ** 31}])


def test_a_big_integer_column_holds_64_bits():
    field = fields.Integer(big=True)
    field.bind("x.model", "count", "x")
    check_storable_rows("x.model", [field], [{"count": 2 ** 40}])


@pytest.mark.parametrize("value", [0, -1, 2 ** 31, True, "3", 1.0])
def test_only_positive_32_bit_whole_numbers_are_record_ids(value):
    with pytest.raises(ValidationError, match="Invalid record id"):
        check_record_ids([value], "x.model.tag_ids")
