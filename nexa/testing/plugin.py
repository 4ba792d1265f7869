"""The pytest plugin: database, environment and query-count fixtures (see nexa.testing)."""

from __future__ import annotations

import os
import pathlib
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from nexa.db.repeats import RepeatDetector
from nexa.orm.env import SUPERUSER_ID, Environment
from nexa.runtime import Runtime
from nexa.testing.databases import DatabasePool, make_test_config
from nexa.testing.queries import count_queries as _count_queries

#: How many times one SQL shape may run in a test before the N+1 detector reports it.
REPEAT_THRESHOLD = 20


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "addons(*names): install these addons in the test database")
    config.addinivalue_line("markers", "demo: install the addons with their demo data")
    config.addinivalue_line("markers", "query_budget(n): fail if the test runs more than n SQL statements")
    config.addinivalue_line("markers", "repeats_allowed(n): let one SQL shape run n times before the N+1 "
                            "detector reports it (default 20)")
    from nexa.security.passwords import ROUNDS_VARIABLE

    os.environ.setdefault(ROUNDS_VARIABLE, "1000")  # hashing cost is not what tests measure


def _require_services() -> None:
    """Fail (never skip) when the environment names a service that does not answer."""
    url = os.environ.get("NEXA_TEST_DB_URL")
    if url:
        from nexa.db.server import server_for

        server, _name = server_for(url, os.getcwd())
        server.list()
    redis_url = os.environ.get("NEXA_TEST_REDIS_URL")
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).ping()


@pytest.fixture(scope="session")
def nexa_runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    """The runtime tests share: test addons on the path, databases in a temporary folder."""
    _require_services()
    runtime = Runtime(make_test_config(tmp_path_factory.mktemp("nexa-data")))
    yield runtime
    runtime.close()


@pytest.fixture(scope="session")
def nexa_databases(nexa_runtime: Runtime) -> Iterator[DatabasePool]:
    databases = DatabasePool(nexa_runtime)
    yield databases
    databases.close()


@pytest.fixture
def nexa_database(request: pytest.FixtureRequest, nexa_databases: DatabasePool) -> str:
    """The name of a database with the addons of the ``addons`` marker installed."""
    marker = request.node.get_closest_marker("addons")
    addons = marker.args if marker else ("base",)
    demo = request.node.get_closest_marker("demo") is not None
    return nexa_databases.get(addons, demo=demo)


@pytest.fixture
def env(request: pytest.FixtureRequest, nexa_runtime: Runtime, nexa_database: str) -> Iterator[Environment]:
    """A superuser environment (uid 1, admin) in a transaction rolled back after the test."""
    from nexa.db.transaction import Transaction

    database = nexa_runtime.database(nexa_database)
    connection = database.engine.connect()
    outer = connection.begin()
    transaction = Transaction(database, connection)
    environment = Environment(transaction, SUPERUSER_ID, {}, su=True)
    allowed = request.node.get_closest_marker("repeats_allowed")
    detector = RepeatDetector(allowed.args[0] if allowed else REPEAT_THRESHOLD)
    transaction.observers.append(detector)
    budget = request.node.get_closest_marker("query_budget")
    try:
        if budget is None:
            yield environment
        else:
            with _count_queries(environment) as log:
                yield environment
            limit = budget.args[0]
            assert log.count <= limit, f"{log.count} SQL statements, over the budget of {limit}"
        _report_repeats(request, detector)
    finally:
        outer.rollback()
        connection.close()


def _report_repeats(request: pytest.FixtureRequest, detector: RepeatDetector) -> None:
    """Fail an addon's own test that repeats one SQL shape too often; warn for the others."""
    repeats = detector.repeats
    if not repeats:
        return
    text = "\n".join(repeat.describe() for repeat in repeats)
    if is_addon_test(request.node.path):
        pytest.fail(f"Possible N+1 queries (mark the test repeats_allowed(n) if intended):\n{text}")
    warnings.warn(RepeatedQueryWarning(text), stacklevel=1)


def is_addon_test(path: Any) -> bool:
    """True for tests living in an addon's ``tests`` folder (``<addons dir>/<addon>/tests/``)."""
    parts = list(pathlib.Path(path).parts)
    return "tests" in parts[:-1] and len(parts) > 3 and parts[parts.index("tests") - 2] == "addons" \
        and "tests" not in parts[:parts.index("tests")]


class RepeatedQueryWarning(UserWarning):
    """The same SQL shape ran more than the threshold within one test."""


@pytest.fixture(scope="session")
def live_server(nexa_runtime: Runtime) -> Iterator[str]:
    """The base URL of a real Nexa server (werkzeug, threaded) serving the test databases."""
    from nexa.testing.server import running_server

    with running_server(nexa_runtime) as url:
        yield url


@pytest.fixture
def rpc_database(request: pytest.FixtureRequest, nexa_databases: DatabasePool) -> str:
    """A database for tests that commit through RPC (separate from the rolled-back ``env`` ones).

    Tests sharing it must not depend on each other's data: create what you need with unique names.
    """
    marker = request.node.get_closest_marker("addons")
    addons = marker.args if marker else ("base",)
    return nexa_databases.get(addons, demo=True, tag="rpc")


@pytest.fixture
def count_queries() -> Any:
    """``with count_queries(env) as log: ...`` then ``log.count``."""
    return _count_queries
