"""Browser tests of the web client: fixtures of nexa.testing.browser, the database, an RPC helper.

The fixtures are imported (not listed in ``pytest_plugins``, which pytest refuses in a
conftest below the root folder when the whole suite runs); importing them here makes them
this folder's fixtures.
"""

from __future__ import annotations

import xmlrpc.client
from collections.abc import Callable
from typing import Any

import pytest

from nexa.testing.browser import artifacts, browser, page  # noqa: F401  (fixtures)


@pytest.fixture
def database(rpc_database: str) -> str:
    """The committed demo database the browser logs into (base + test_web_widgets)."""
    return rpc_database


@pytest.fixture
def rpc(live_server: str, database: str) -> Callable[..., Any]:
    """``rpc(model, method, *args, **kwargs)`` as admin over XML-RPC, to prepare and check data."""
    models = xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/object", allow_none=True)

    def call(model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return models.execute_kw(database, 1, "admin", model, method, list(args), kwargs)

    return call
