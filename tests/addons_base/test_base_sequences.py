"""ir.sequence of the base addon: numbers with prefix, suffix, padding and date placeholders."""

from __future__ import annotations

import datetime as dt

import pytest

from nexa.exceptions import UserError

WHEN = dt.datetime(2024, 7, 14, 9, 30)


@pytest.fixture
def sequence(env):
    return env["ir.sequence"].create({"name": "Orders", "code": "test.order", "prefix": "SO/%(year)s/",
                                      "suffix": "-%(month)s", "padding": 4})


def test_next_by_code_formats_prefix_number_and_suffix(env, sequence):
    assert env["ir.sequence"].next_by_code("test.order", WHEN) == "SO/2024/0001-07"


def test_each_call_draws_the_next_number(env, sequence):
    numbers = [env["ir.sequence"].next_by_code("test.order", WHEN) for _ in range(3)]
    assert numbers == ["SO/2024/0001-07", "SO/2024/0002-07", "SO/2024/0003-07"]


def test_the_step_and_the_next_number_are_honoured(env, sequence):
    sequence.write({"number_next": 10, "number_increment": 5})
    assert [sequence.next_by_id(WHEN) for _ in range(2)] == ["SO/2024/0010-07", "SO/2024/0015-07"]


def test_the_next_number_is_readable_after_drawing(env, sequence):
    sequence.next_by_id(WHEN)
    assert sequence.number_next == 2


def test_an_unknown_code_gives_false(env):
    assert env["ir.sequence"].next_by_code("no.such.code") is False


def test_an_invalid_placeholder_names_the_sequence_and_the_text(env, sequence):
    sequence.write({"prefix": "%(century)s"})
    with pytest.raises(UserError, match=r"Invalid placeholder in sequence 'Orders': '%\(century\)s'"):
        sequence.next_by_id(WHEN)


def test_the_base_data_has_a_contact_reference_sequence(env):
    assert env["ir.sequence"].next_by_code("res.partner", WHEN) == "C2400001"
