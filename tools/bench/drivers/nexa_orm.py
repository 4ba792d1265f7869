"""Nexa's ORM and server in the benchmark: the same workloads through the Odoo-style API.

The addon ``bench_partner`` (``tools/bench/nexa_addons``) defines ``bench.partner`` with the five
WORKLOAD.md fields (``email`` required and indexed) and ``bench.country``. If Nexa cannot run here,
the runner prints ``nexa: not available (reason)`` and measures the others; it never invents a
number.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tools.bench import common
from tools.bench.drivers import Database, DriverUnavailable

DATABASE = common.database_name("nexa")
ADDON = "bench_partner"
#: What the benchmark database holds: every addon (the issue measures servers with all of them installed).
ADDONS = (ADDON, "web")
ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "admin"


NEXA_ADDONS = common.REPO_ROOT / "tools" / "bench" / "nexa_addons"


def _addons_path() -> str:
    return f"{common.REPO_ROOT / 'addons'},{NEXA_ADDONS}"


def open_nexa_env(backend: str, url: str) -> Any:
    """An environment (uid 1 = admin, access checks on) on ``url`` with ``bench_partner`` installed.

    ``url`` names an existing, empty database (a ``<name>.sqlite`` file, or a PostgreSQL database
    the runner has just created). The environment's transaction is long-lived: the driver commits
    and rolls it back itself.
    """
    if importlib.util.find_spec("nexa.orm") is None:
        raise DriverUnavailable("the Nexa ORM (nexa.orm) is not installed")
    from nexa.modules.install import install
    from nexa.orm import Environment

    runtime = nexa_runtime(url)
    name = runtime.db_name()
    install(runtime, name, list(ADDONS))
    transaction = runtime.database(name).open_transaction()
    return Environment(transaction, 1, {}, su=False)


def nexa_runtime(url: str) -> Any:
    """A Nexa runtime on the database at ``url``, with the benchmark's addons path."""
    from nexa.config import load_config
    from nexa.runtime import Runtime

    config = load_config(cli={"db_url": url, "addons_path": _addons_path(), "log_level": "warning"},
                         env={}, search=False)
    return Runtime(config)


def nexa_server_command(backend: str, url: str, port: int, workers: int) -> list[str]:
    """``nexa-bin server`` serving ``url`` on ``127.0.0.1:port`` with ``workers`` processes (0: threaded)."""
    command = [sys.executable, str(common.REPO_ROOT / "nexa-bin"), "--db-url", url, "--addons-path",
               _addons_path(), "--log-level", "warning", "server", "--http-interface", "127.0.0.1",
               "--http-port", str(port)]
    return [*command, "--workers", str(workers)] if workers else command


class NexaDriver:
    """``nexa``: the W1..W4 calls of WORKLOAD.md on ``env["bench.partner"]``, Odoo style."""

    suite = "nexa"
    system = "nexa"
    fields = list(common.PARTNER_FIELDS)

    def __init__(self, env: Any) -> None:
        self.env = env
        self.partners = env["bench.partner"]
        self.country_ids = self._ensure_countries()

    def _ensure_countries(self) -> list[int]:
        countries = self.env["bench.country"]
        codes = [code for code, _name in common.COUNTRIES]
        with self.transaction(readonly=False):
            existing = {row["code"]: row["id"]
                        for row in countries.search_read([("code", "in", codes)], ["code"])}
            missing = [{"code": c, "name": name} for c, name in common.COUNTRIES if c not in existing]
            if missing:
                for record, values in zip(countries.create(missing), missing):
                    existing[values["code"]] = record.id
        return [existing[code] for code in codes]

    def reset(self) -> None:
        with self.transaction(readonly=False):
            self.partners.search([]).unlink()

    @contextmanager
    def transaction(self, *, readonly: bool) -> Iterator[None]:
        try:
            yield
        except BaseException:
            self.env.transaction.rollback()
            raise
        self.env.transaction.commit()

    def prepare_batch(self, indices: range) -> list[dict[str, Any]]:
        rows = [common.partner(i) for i in indices]
        return [{**row, "country": self.country_ids[row["country"]]} for row in rows]

    def create_batch(self, prepared: list[dict[str, Any]]) -> None:
        self.partners.create(prepared)

    def all_ids(self) -> list[int]:
        with self.transaction(readonly=True):
            return list(self.partners.search([], order="id").ids)

    def key_of(self, index: int) -> str:
        return common.partner(index)["email"]

    def search_name(self, term: str) -> list[int]:
        # Odoo's ilike wraps the value in %...% itself.
        return list(self.partners.search([("name", "ilike", term)], order="id").ids)

    def search_key(self, value: str) -> list[int]:
        return list(self.partners.search([("email", "=", value)], order="id").ids)

    def read_page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        return self.partners.search_read([], self.fields, offset=offset, limit=limit, order="id")

    def write_name(self, record_id: int, name: str) -> None:
        self.partners.browse(record_id).write({"name": name})

    def close(self) -> None:
        self.env.transaction.close()


def open_driver(database: Database) -> NexaDriver:
    """The Nexa driver on ``database`` (created empty by the runner)."""
    return NexaDriver(open_nexa_env(database.backend, database.sqlalchemy_url()))


def server_specs(database: Database) -> list[Any]:
    """The W5 Nexa servers: threaded and 2 workers, each compared with the same kind of peer."""
    from tools.bench.w5.client import OdooProtocol
    from tools.bench.w5.servers import ServerSpec

    probe = subprocess.run([sys.executable, str(common.REPO_ROOT / "nexa-bin"), "server", "--help"],
                           capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    if probe.returncode:
        reason = (probe.stderr or probe.stdout).strip().splitlines()[-1:] or ["no output"]
        raise DriverUnavailable(f"nexa-bin server is not available yet: {reason[0]}")
    url = database.sqlalchemy_url()

    def protocol() -> OdooProtocol:
        return OdooProtocol(database=database.name, fields=common.PARTNER_FIELDS, user=ADMIN_LOGIN,
                            password=ADMIN_PASSWORD)

    return [
        ServerSpec("nexa-threaded", "nexa", "threaded", "nexa: nexa-bin server (threaded)", "bench.partner",
                   lambda port: nexa_server_command(database.backend, url, port, 0), protocol),
        ServerSpec("nexa-workers2", "nexa", "workers2", "nexa: nexa-bin server, 2 workers", "bench.partner",
                   lambda port: nexa_server_command(database.backend, url, port, 2), protocol),
    ]
