"""to_wire: the values both RPC codecs send, whatever a model method returns."""

from __future__ import annotations

import base64
import enum
import json
from collections import OrderedDict, namedtuple
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from nexa.rpc.wire import to_wire


class FakeRecordset:
    """Stands for a recordset: it exposes its ids through __nexa_wire__."""

    def __init__(self, *ids: int) -> None:
        self.ids = list(ids)

    def __nexa_wire__(self) -> list[int]:
        return self.ids


class Color(enum.IntEnum):
    RED = 1


def test_plain_values_are_returned_unchanged():
    assert to_wire(["a", 1, 2.5, True, False]) == ["a", 1, 2.5, True, False]


def test_none_becomes_false_at_top_level():
    assert to_wire(None) is False


def test_none_becomes_false_inside_containers():
    assert to_wire({"partner_id": None, "tags": [None]}) == {"partner_id": False, "tags": [False]}


def test_naive_datetime_is_sent_without_microseconds():
    assert to_wire(datetime(2024, 2, 29, 23, 59, 58, 999999)) == "2024-02-29 23:59:58"


def test_aware_datetime_is_converted_to_utc_first():
    brussels_summer = timezone(timedelta(hours=2))
    assert to_wire(datetime(2024, 7, 1, 1, 30, tzinfo=brussels_summer)) == "2024-06-30 23:30:00"


def test_utc_datetime_keeps_its_clock_time():
    assert to_wire(datetime(2024, 7, 1, 8, 0, tzinfo=UTC)) == "2024-07-01 08:00:00"


def test_date_is_sent_as_iso_day():
    assert to_wire(date(2024, 1, 5)) == "2024-01-05"


def test_early_years_are_zero_padded():
    assert to_wire(date(33, 1, 1)) == "0033-01-01"


def test_decimal_becomes_float():
    value = to_wire(Decimal("12.50"))
    assert value == 12.5 and type(value) is float


def test_base64_bytes_become_text():
    assert to_wire(b"aGVsbG8=") == "aGVsbG8="


def test_utf8_bytes_become_text():
    assert to_wire("café".encode()) == "café"


def test_memoryview_from_a_database_driver_becomes_text():
    assert to_wire(memoryview(b"aGk=")) == "aGk="


def test_bytes_that_are_not_utf8_raise_value_error_suggesting_base64():
    with pytest.raises(ValueError, match="base64"):
        to_wire({"datas": b"\xff\xfe\x00"})


def test_tuples_sets_and_frozensets_become_lists():
    assert to_wire(((1, 2), {3}, frozenset({4}))) == [[1, 2], [3], [4]]


def test_namedtuple_becomes_plain_list():
    pair = namedtuple("Pair", "id name")(7, "Acme")
    result = to_wire(pair)
    assert result == [7, "Acme"] and type(result) is list


def test_mapping_subclasses_become_plain_dicts():
    result = to_wire({"a": OrderedDict(b=1), "c": MappingProxyType({"d": 2})})
    assert result == {"a": {"b": 1}, "c": {"d": 2}}
    assert type(result["a"]) is dict and type(result["c"]) is dict


def test_int_keys_are_sent_as_digit_strings():
    assert to_wire({1: {"name": "Main company"}}) == {"1": {"name": "Main company"}}


def test_non_string_keys_raise_type_error_naming_the_key():
    with pytest.raises(TypeError, match=r"dict key of type tuple \(\(1, 2\)\)"):
        to_wire({(1, 2): "x"})


def test_markup_becomes_exact_str():
    result = to_wire(Markup("<b>bold</b>"))
    assert result == "<b>bold</b>" and type(result) is str


def test_int_enum_becomes_exact_int():
    result = to_wire(Color.RED)
    assert result == 1 and type(result) is int


def test_object_with_nexa_wire_is_sent_as_what_it_returns():
    assert to_wire({"partner_ids": FakeRecordset(3, 4)}) == {"partner_ids": [3, 4]}


def test_nexa_wire_result_is_converted_in_turn():
    class Wrapper:
        def __nexa_wire__(self):
            return (date(2024, 1, 1), None)

    assert to_wire(Wrapper()) == ["2024-01-01", False]


def test_unknown_type_raises_type_error_naming_type_and_place():
    with pytest.raises(TypeError, match=r"datetime\.timedelta over RPC.*\(at result\[0\]\['duration'\]\)"):
        to_wire([{"duration": timedelta(hours=1)}])


def test_circular_structure_raises_value_error():
    looping: list = [1]
    looping.append(looping)
    with pytest.raises(ValueError, match="circular"):
        to_wire(looping)


def test_shared_but_not_circular_structure_is_accepted():
    shared = [1, 2]
    assert to_wire({"a": shared, "b": shared}) == {"a": [1, 2], "b": [1, 2]}


def test_argument_is_not_modified():
    original = {"when": date(2024, 1, 1), "ids": (1, 2)}
    to_wire(original)
    assert original == {"when": date(2024, 1, 1), "ids": (1, 2)}


_python_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.dates()
    | st.datetimes()
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.binary().map(base64.b64encode),
    lambda children: (
        st.lists(children)
        | st.tuples(children, children)
        | st.dictionaries(st.text() | st.integers(), children)
    ),
    max_leaves=20,
)


@given(_python_values)
def test_output_survives_a_json_round_trip_unchanged(value):
    wire = to_wire(value)
    assert json.loads(json.dumps(wire)) == wire


@given(_python_values)
def test_conversion_is_idempotent(value):
    wire = to_wire(value)
    assert to_wire(wire) == wire
