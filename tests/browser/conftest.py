"""Browser tests of the web client: fixtures of nexa.testing.browser, the database, an RPC helper.

The fixtures are imported (not listed in ``pytest_plugins``, which pytest refuses in a
conftest below the root folder when the whole suite runs); importing them here makes them
this folder's fixtures.
"""

from __future__ import annotations

import time
import uuid
import xmlrpc.client
from collections.abc import Callable
from typing import Any

import pytest

from nexa.security.totp import totp
from nexa.testing.browser import artifacts, browser, page  # noqa: F401  (fixtures)

TOTP_PASSWORD = "correct horse battery"


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


@pytest.fixture
def totp_user(nexa_runtime: Any, database: str) -> dict[str, Any]:
    """A new internal user with two-factor login on: ``{"login", "password", "secret", "recovery_codes"}``.

    Enrolment used the code of the current 30-second step; log in with the next step's code
    (``totp(secret, time.time() + 30)``), as a used step is refused.
    """
    login = f"twofactor_{uuid.uuid4().hex[:8]}"
    with nexa_runtime.environment(database) as env:
        uid = env["res.users"].create({"name": f"Two Factor {login[-8:]}", "login": login,
                                       "password": TOTP_PASSWORD}).id
    with nexa_runtime.environment(database, uid, su=False) as env:
        user = env["res.users"].browse(uid)
        secret = user.totp_enable_begin(TOTP_PASSWORD)["secret"]
        codes = user.totp_enable_confirm(totp(secret, time.time()))
    return {"login": login, "password": TOTP_PASSWORD, "secret": secret, "recovery_codes": codes}
