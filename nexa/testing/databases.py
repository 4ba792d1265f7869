"""Test databases: created once per session per set of addons, dropped at the end."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from nexa.config import Config, load_config
from nexa.modules.install import install
from nexa.runtime import Runtime

REPOSITORY = Path(__file__).resolve().parents[2]
TEST_ADDONS = REPOSITORY / "tests" / "addons"


def make_test_config(data_dir: Path) -> Config:
    """The configuration tests run with: SQLite in ``data_dir`` or ``NEXA_TEST_DB_URL``."""
    paths = [REPOSITORY / "addons"]
    if TEST_ADDONS.is_dir():
        paths.append(TEST_ADDONS)
    cli = {"data_dir": data_dir, "addons_path": paths, "db_url": os.environ.get("NEXA_TEST_DB_URL", ""),
           "redis_url": os.environ.get("NEXA_TEST_REDIS_URL", ""), "log_level": "warning",
           "query_count_threshold": 0}
    return load_config(cli=cli, env={}, search=False)


class DatabasePool:
    """Creates test databases on demand and drops them all when closed."""

    def __init__(self, runtime: Runtime, prefix: str = "nexa_test") -> None:
        self.runtime = runtime
        self.prefix = f"{prefix}_{os.getpid()}"
        self.created: dict[tuple, str] = {}

    def get(self, addons: Iterable[str], *, demo: bool = False, tag: str = "") -> str:
        """The name of a database with ``addons`` installed (built on first use).

        ``tag`` separates databases with the same addons used differently (e.g. "rpc" for committed data).
        """
        key = (tuple(sorted(set(addons))), demo, tag)
        if key not in self.created:
            digest = hashlib.sha1(repr(key).encode()).hexdigest()[:8]
            name = f"{self.prefix}_{digest}"
            server = self.runtime.server
            if server.exists(name):
                self.runtime.forget(name)
                server.drop(name)
            server.create(name)
            try:
                install(self.runtime, name, key[0], demo=demo)
            except BaseException:
                self.runtime.forget(name)  # every test asking for it gets the install error, not an empty database
                server.drop(name)
                raise
            self.created[key] = name
        return self.created[key]

    def new(self, suffix: str) -> str:
        """An empty database for tests that install addons themselves."""
        name = f"{self.prefix}_{suffix}"
        server = self.runtime.server
        if server.exists(name):
            self.runtime.forget(name)
            server.drop(name)
        server.create(name)
        self.created[("new", suffix)] = name
        return name

    def drop(self, name: str) -> None:
        self.runtime.forget(name)
        if self.runtime.server.exists(name):
            self.runtime.server.drop(name)
        self.created = {key: value for key, value in self.created.items() if value != name}

    def close(self) -> None:
        for name in list(self.created.values()):
            self.drop(name)
        self.runtime.close()
