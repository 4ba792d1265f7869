"""Fixtures of the web addon's tests: werkzeug test clients of the application."""

import pytest
from werkzeug.test import Client

from nexa.http.app import Application

from .test_pages import log_in


@pytest.fixture
def admin_client(nexa_runtime, rpc_database):
    """A werkzeug client logged in as admin through the login form."""
    client = Client(Application(nexa_runtime))
    log_in(client, rpc_database)
    return client
