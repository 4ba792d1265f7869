"""Constraints: ``@api.constrains`` checks and ``_sql_constraints``, with messages naming model, field and record."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from nexa.exceptions import ValidationError
from nexa.orm import Command
from nexa.orm.env import SUPERUSER_ID, Environment

pytestmark = pytest.mark.addons("test_orm_depth")


# -- @api.constrains ----------------------------------------------------------------------------------------


def test_python_constraint_refuses_a_create(env):
    with pytest.raises(ValidationError, match="The priority cannot be negative"):
        env["test.depth.order"].create({"priority": -1})


def test_python_constraint_refuses_a_write_naming_record_and_field(env):
    order = env["test.depth.order"].create({})
    with pytest.raises(ValidationError) as error:
        order.write({"priority": -3})
    assert (error.value.model, error.value.field, error.value.record_ids) == ("test.depth.order", "priority",
                                                                              [order.id])
    assert f"test.depth.order({order.id})" in str(error.value) and "priority" in str(error.value)


def test_python_constraint_is_not_run_when_its_fields_do_not_change(env):
    order = env["test.depth.order"].create({})
    table = order._table_obj
    env.transaction.execute(update(table).where(table.c.id == order.id).values(priority=-1))  # behind the ORM
    env.cache.clear()
    assert order.write({"reference": "R"}) is True


def test_constraint_on_a_stored_computed_field_runs_when_a_line_changes_it(env):
    order = env["test.depth.order"].create({"line_ids": [Command.create({"name": "A", "price": 10})]})
    with pytest.raises(ValidationError, match="cannot exceed one million") as error:
        order.line_ids.write({"quantity": 200_000})
    assert error.value.field == "amount_total" and error.value.record_ids == [order.id]


# -- _sql_constraints -------------------------------------------------------------------------------------


def test_unique_constraint_gives_its_message_and_field(env):
    env["test.depth.order"].create({"name": "SO-1"})
    with pytest.raises(ValidationError, match="The order reference must be unique") as error:
        env["test.depth.order"].create({"name": "SO-1"})
    assert (error.value.model, error.value.field) == ("test.depth.order", "name")


def test_unique_constraint_on_write_names_the_records(env):
    _first, second = env["test.depth.order"].create([{"name": "SO-1"}, {"name": "SO-2"}])
    with pytest.raises(ValidationError, match="must be unique") as error:
        second.write({"name": "SO-1"})
    assert error.value.record_ids == [second.id] and "test.depth.order.name" in str(error.value)


def test_check_constraint_gives_its_message_and_field(env):
    order = env["test.depth.order"].create({})
    with pytest.raises(ValidationError, match=r"The discount is a percentage \(0 to 100\)") as error:
        order.write({"discount": 150})
    assert error.value.field == "discount"


# -- a refused change leaves nothing behind: the transaction of the call rolls back ------------------------


@pytest.fixture
def committed(nexa_runtime, nexa_databases):
    """A database whose transactions commit (not the rolled-back ``env`` of the other tests)."""
    database = nexa_runtime.database(nexa_databases.get(("test_orm_depth",), tag="commit"))

    def run(work):
        with database.transaction() as transaction:
            return work(Environment(transaction, SUPERUSER_ID, {}, su=True))

    return run


@pytest.mark.parametrize("values", [{"priority": -1}, {"discount": 500}],
                         ids=["python-constraint", "sql-constraint"])
def test_a_violation_rolls_the_whole_transaction_back(committed, values):
    order_id = committed(lambda env: env["test.depth.order"].create({"reference": "before"}).id)

    def change(env):
        env["test.depth.order"].browse(order_id).write({"reference": "after"})
        env["test.depth.order"].browse(order_id).write(values)

    with pytest.raises(ValidationError):
        committed(change)
    assert committed(lambda env: env["test.depth.order"].browse(order_id).read(["reference", *values])) == [
        {"id": order_id, "reference": "before", **{name: {"priority": 1, "discount": 0.0}[name] for name in values}}]
