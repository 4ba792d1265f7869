"""Fixtures of the jobs tests: a database whose transactions commit (workers need committed rows)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest

from nexa.orm.env import SUPERUSER_ID, Environment

#: A fixed "now" for the worker (UTC): tests move the clock instead of sleeping.
NOW = datetime(2031, 3, 10, 12, 0, 0)


@contextmanager
def committed(database: Any, uid: int = SUPERUSER_ID, *, su: bool = True) -> Iterator[Environment]:
    """An environment in a transaction committed at the end of the block (rolled back if it raises)."""
    with database.transaction() as transaction:
        yield Environment(transaction, uid, {}, su=su)


def _clean(database: Any) -> None:
    with committed(database) as env:
        env["ir.job"].search([]).unlink()
        env["test.jobs.note"].search([]).unlink()
        env["test.jobs.wizard"].search([]).unlink()
        env["ir.cron"].search([("name", "=like", "T: %")]).unlink()
        env["ir.cron"].search([]).write({"active": False})


@pytest.fixture(name="committed")
def committed_fixture() -> Any:
    """``with committed(database, uid, su=...) as env:``: an environment whose transaction commits."""
    return committed


@pytest.fixture(name="now")
def now_fixture() -> datetime:
    """The fixed moment the worker runs at."""
    return NOW


@pytest.fixture
def jobs_db(nexa_runtime: Any, nexa_databases: Any) -> Iterator[Any]:
    """A database with ``test_jobs`` whose changes commit; emptied of jobs, notes and crons around each test."""
    database = nexa_runtime.database(nexa_databases.get(("test_jobs",), tag="jobs"))
    _clean(database)
    yield database
    _clean(database)


@pytest.fixture
def jobs_user(jobs_db: Any) -> int:
    """The id of an internal user (base.group_user only) of ``jobs_db``."""
    with committed(jobs_db) as env:
        user = env["res.users"].search([("login", "=", "jobs_user")])
        if not user:
            user = env["res.users"].create({"name": "Job User", "login": "jobs_user",
                                            "groups_id": [(6, 0, [env.ref("base.group_user").id])]})
        return user.id
