"""Creating and dropping whole databases, the way ``nexa-bin db`` and the ``db`` RPC service do.

A new database gets ``base`` (and the extra addons asked for), optionally demo
data, and an administrator whose login and password are set here. If anything
fails, the half-created database is dropped again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from nexa.exceptions import NexaError
from nexa.modules.install import install
from nexa.orm.env import SUPERUSER_ID
from nexa.runtime import Runtime

_logger = logging.getLogger(__name__)

ADMIN_LOGIN = "admin"
DEFAULT_ADMIN_PASSWORD = "admin"  # what base's data file gives the admin user


def create_database(runtime: Runtime, name: str, *, demo: bool = False, admin_password: str = DEFAULT_ADMIN_PASSWORD,
                    admin_login: str = ADMIN_LOGIN, lang: str | None = None, country_code: str | None = None,
                    addons: Iterable[str] = ()) -> list[str]:
    """Create ``name`` with base (+ ``addons``) installed; returns the installed addons in order."""
    runtime.server.create(name)
    try:
        installed = install(runtime, name, ["base", *addons], demo=demo)
        with runtime.environment(name) as env:
            admin = env["res.users"].browse(SUPERUSER_ID)
            values = {"login": admin_login, "password": admin_password}
            if lang:
                values["lang"] = lang
            if country_code:
                country = env["res.country"].search([("code", "=", country_code.upper())], limit=1)
                if country:
                    admin.company_id.partner_id.write({"country_id": country.id})
            admin.write(values)
    except BaseException:
        _drop_half_created(runtime, name)
        raise
    return installed


def _drop_half_created(runtime: Runtime, name: str) -> None:
    """Drop a database whose creation failed; the original error is the one worth reporting."""
    runtime.forget(name)
    try:
        if runtime.server.exists(name):
            runtime.server.drop(name)
    except NexaError as error:
        _logger.warning("Could not drop the half-created database %s: %s", name, error)


def drop_database(runtime: Runtime, name: str) -> None:
    """Close the connections to ``name`` and drop it."""
    runtime.forget(name)
    runtime.server.drop(name)
