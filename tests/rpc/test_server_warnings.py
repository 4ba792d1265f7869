"""The start-up warnings about default passwords look only at served databases and keep none open."""

from __future__ import annotations

import pytest

from nexa.http.server import warn_about_defaults
from nexa.runtime import Runtime

pytestmark = pytest.mark.addons("test_rpc_api")


@pytest.fixture
def served_only(nexa_runtime, rpc_database):
    """A runtime whose dbfilter serves only the RPC test database."""
    runtime = Runtime(nexa_runtime.config.replace(dbfilter=f"^{rpc_database}$"))
    yield runtime
    runtime.close()


def test_defaults_are_reported_for_the_master_and_admin_passwords(served_only, rpc_database):
    warnings = warn_about_defaults(served_only)
    assert any("admin_passwd" in warning for warning in warnings)
    assert any(repr(rpc_database) in warning for warning in warnings)


def test_databases_outside_the_dbfilter_are_not_looked_at(served_only, nexa_runtime, nexa_databases):
    other = nexa_databases.get(["base"])  # its admin also has the default password
    assert not any(repr(other) in warning for warning in warn_about_defaults(served_only))
    serving_other = Runtime(nexa_runtime.config.replace(dbfilter=f"^{other}$"))
    try:
        assert any(repr(other) in warning for warning in warn_about_defaults(serving_other))
    finally:
        serving_other.close()


def test_no_database_stays_open_after_the_check(served_only):
    warn_about_defaults(served_only)
    assert served_only._databases == {}
