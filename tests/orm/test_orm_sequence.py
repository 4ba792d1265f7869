"""ir.sequence: formatted numbers, and no duplicates when many transactions draw at once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from nexa.db.transaction import retrying
from nexa.exceptions import UserError
from nexa.orm.env import SUPERUSER_ID, Environment

pytestmark = pytest.mark.addons("test_orm_depth")


def test_prefix_suffix_padding_and_date_placeholders(env):
    sequence = env["ir.sequence"].create({"name": "Invoices", "prefix": "INV/%(year)s/%(month)s/",
                                          "suffix": "-%(y)s", "padding": 5})
    when = dt.datetime(2024, 3, 9, 14, 5)
    assert [sequence.next_by_id(when) for _i in range(2)] == ["INV/2024/03/00001-24", "INV/2024/03/00002-24"]


def test_step_and_next_number(env):
    sequence = env["ir.sequence"].create({"name": "Tens", "number_next": 100, "number_increment": 10})
    assert [sequence.next_by_id() for _i in range(3)] == ["100", "110", "120"]


def test_next_by_code_finds_the_sequence(env):
    assert env["ir.sequence"].next_by_code("test.depth.order").startswith(f"SO{dt.date.today().year}-")
    assert env["ir.sequence"].next_by_code("no.such.code") is False


def test_a_default_drawn_from_a_sequence_numbers_new_records(env):
    first, second = env["test.depth.order"].create([{}, {}])
    assert int(second.name[-4:]) == int(first.name[-4:]) + 1


def test_an_unknown_placeholder_is_named(env):
    sequence = env["ir.sequence"].create({"name": "Broken", "prefix": "%(decade)s-"})
    with pytest.raises(UserError, match=r"decade"):
        sequence.next_by_id()


def test_threads_drawing_numbers_never_get_the_same_one(nexa_runtime, nexa_databases):
    """8 threads x 25 transactions each: 200 numbers, all different, none skipped."""
    database = nexa_runtime.database(nexa_databases.get(("test_orm_depth",), tag="commit"))
    sequence_id = retrying(database, lambda tx: Environment(tx, SUPERUSER_ID, {}, su=True)["ir.sequence"].create(
        {"name": "Concurrent", "padding": 4}).id)
    drawn: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def draw() -> None:
        barrier.wait()
        try:
            for _i in range(25):
                number = retrying(database, lambda tx: Environment(tx, SUPERUSER_ID, {}, su=True)[
                    "ir.sequence"].browse(sequence_id).next_by_id())
                with lock:
                    drawn.append(number)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=draw) for _i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(drawn) == [f"{number:04d}" for number in range(1, 201)]
