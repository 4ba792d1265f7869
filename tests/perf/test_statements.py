"""Compiled statements run on the driver's cursor behave as ``Connection.execute`` (nexa/db/statements.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from nexa.db.signals import read_signals

pytestmark = pytest.mark.addons("test_orm")


@pytest.fixture
def table(env):
    env["test.orm.record"].create([
        {"name": "typed", "flag": True, "moment": "2024-03-04 05:06:07", "day": "2024-03-04", "payload": {"a": 1},
         "price": 1.25},
        {"name": "empty", "flag": False},
    ])
    return env["test.orm.record"]._table_obj


def statements(env):
    return env.transaction.database.statements


def test_rows_are_those_sqlalchemy_gives(env, table):
    statement = select(table.c.name, table.c.flag, table.c.moment, table.c.day, table.c.payload, table.c.price) \
        .where(table.c.name.in_(["typed", "empty"])).order_by(table.c.name)
    expected = [tuple(row) for row in env.transaction.execute(statement)]
    assert statements(env).run(env.transaction, statement) == expected
    assert expected[1][1:4] == (True, dt.datetime(2024, 3, 4, 5, 6, 7), dt.date(2024, 3, 4))


def test_a_shape_run_again_binds_the_new_values(env, table):
    def names(*wanted):
        rows = statements(env).run(env.transaction, select(table.c.name).where(table.c.name.in_(wanted)))
        return sorted(row[0] for row in rows)

    assert names("typed") == ["typed"]
    assert names("typed", "empty") == ["empty", "typed"]
    assert names("nothing") == []


def test_a_bind_name_sqlalchemy_must_escape_runs_through_sqlalchemy(env, table):
    statement = select(table.c.name).where(table.c.name == bindparam("odd name (1)", "typed"))
    assert statements(env).run(env.transaction, statement) == [("typed",)]


def test_each_run_is_one_statement_of_the_transaction(env, table, count_queries):
    statement = select(table.c.id).where(table.c.name == "typed")
    before = env.transaction.query_count
    with count_queries(env) as log:
        statements(env).run(env.transaction, statement)
    assert env.transaction.query_count == before + 1
    assert log.count == 1 and "FROM test_orm_record" in log.statements[0]


def test_an_update_returns_the_rows_it_changed(env, table):
    statement = update(table).where(table.c.name == "empty").values(priority=7)
    assert statements(env).run(env.transaction, statement) == 1


def test_a_driver_error_is_the_sqlalchemy_error(env, table):
    statement = update(table).where(table.c.name == "typed").values(name=None)
    with pytest.raises(IntegrityError):
        statements(env).run(env.transaction, statement)


def test_the_signals_are_read_outside_the_transaction(env, nexa_runtime, nexa_database):
    registry, security = read_signals(nexa_runtime.database(nexa_database))
    assert registry >= 1 and security >= 0
