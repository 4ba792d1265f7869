"""The running process: its configuration, the addons it can see, its open databases.

A :class:`Runtime` is made once per process from a :class:`~nexa.config.Config`
(the CLI, the server and the test plugin each make one; nothing is global). It
opens databases on demand and keeps one registry per database, rebuilt when
another process installs or upgrades addons: every install bumps a counter in
the database (``nexa_registry_signal``) and :meth:`Runtime.database` reloads the
registry when the counter moved.

    runtime = Runtime(load_config())
    with runtime.environment("demo") as env:
        print(env["res.partner"].search_count([]))
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pluggy
from sqlalchemy import Column, Integer, MetaData, String, Table, inspect, select

from nexa.config import Config
from nexa.db.database import Database
from nexa.db.server import DatabaseServer, server_for
from nexa.db.signals import REGISTRY_SIGNAL, read_signals
from nexa.exceptions import AddonError, ConfigError, DatabaseError
from nexa.modules.discovery import AddonInfo, discover_addons
from nexa.modules.graph import load_order
from nexa.modules.loader import load_addons
from nexa.orm.env import SUPERUSER_ID, Environment
from nexa.orm.registry import Registry, build_registry
from nexa.plugins import build_plugin_manager

_meta = MetaData()
MODULE_TABLE = Table("ir_module_module", _meta, Column("id", Integer, primary_key=True), Column("name", String),
                     Column("state", String), Column("latest_version", String))
SIGNAL_TABLE = REGISTRY_SIGNAL  # the name install.py and older code import


class Runtime:
    """Configuration + addons + databases of one process (see the module docstring)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.server: DatabaseServer
        self.server, self.url_db_name = server_for(config.db_url, config.data_dir)
        self._addons: dict[str, AddonInfo] | None = None
        self.broken_addons: dict[str, AddonError] = {}
        self._databases: dict[str, Database] = {}
        self._lock = threading.RLock()

    # -- addons ----------------------------------------------------------------------
    @property
    def addons(self) -> dict[str, AddonInfo]:
        if self._addons is None:
            self._addons = discover_addons(self.config.addons_path, broken=self.broken_addons)
        return self._addons

    def check_usable(self, names: Iterable[str]) -> None:
        """Raise the error of the first of ``names`` that is on the path but broken."""
        self.addons  # noqa: B018 - discovery fills broken_addons
        for name in names:
            if name in self.broken_addons:
                raise self.broken_addons[name]

    @property
    def manifests(self) -> dict[str, Any]:
        return {name: info.manifest for name, info in self.addons.items()}

    def build_registry(self, order: list[str]) -> Registry:
        """Import the addons of ``order`` and compose their registry (with its plugin manager)."""
        definitions, packages = load_addons(order, self.addons)
        registry = build_registry(order, definitions)
        registry.packages = packages
        try:
            registry.plugins = build_plugin_manager(packages[name] for name in order if name in packages)
        except pluggy.PluginValidationError as error:
            addon = next((name for name, package in packages.items() if package is error.plugin), None)
            raise AddonError(f"Addon {addon!r} implements a hook wrongly: {error}; see the hookspec in "
                             "nexa/hooks.py", addon=addon) from error
        return registry

    # -- databases -------------------------------------------------------------------
    def db_name(self, name: str | None = None) -> str:
        """The database to use: the one given, else the configured default, else an error."""
        chosen = name or self.config.db_name or self.url_db_name
        if not chosen:
            raise ConfigError("No database given: pass -d NAME (or set db_name in the configuration)")
        return chosen

    def open(self, name: str) -> Database:
        """The :class:`Database` called ``name`` (which must exist), without loading addons."""
        with self._lock:
            database = self._databases.get(name)
            if database is None:
                if not self.server.exists(name):
                    raise DatabaseError(f"Database {name!r} does not exist; create it with "
                                        f"'nexa-bin db create {name}'")
                database = Database(name, self.server.url(name), pool_size=self.config.db_pool_size)
                database.config = self.config
                if self.config.dev_mode and self.config.query_count_threshold:
                    from nexa.db.repeats import detector_hook

                    database.transaction_hooks.append(detector_hook(self.config.query_count_threshold))
                self._databases[name] = database
            return database

    def database(self, name: str | None = None) -> Database:
        """The database with its registry loaded and up to date.

        Reads the signals other processes move (one statement): a changed registry signal
        reloads the registry, a changed security signal invalidates the access data cached
        across transactions (see :mod:`nexa.db.signals`).
        """
        database = self.open(self.db_name(name))
        sequence, security = read_signals(database)
        if database.registry is None or database.signal != sequence:
            with self._lock:
                if database.registry is None or database.signal != sequence:
                    self.load_registry(database)
                    database.signal = sequence
        database.security_signal = security
        return database

    def load_registry(self, database: Database) -> Registry:
        """Build the registry of the addons installed in ``database``."""
        with database.transaction() as tx:
            installed = installed_addons(tx.connection)
        if not installed:
            raise DatabaseError(f"Database {database.name!r} has no addon installed; run "
                                f"'nexa-bin -d {database.name} module install base'")
        self.check_usable(installed)
        missing = sorted(set(installed) - set(self.addons))
        if missing:
            raise DatabaseError(f"Database {database.name!r} has addons installed that are not on the addons "
                                f"path: {', '.join(missing)}; add their folder to addons_path")
        registry = self.build_registry(load_order(self.manifests, installed))
        database.registry = registry
        registry.plugins.hook.nexa_registry_ready(registry=registry, database=database)
        return registry

    def read_signal(self, database: Database) -> int:
        """The registry signal as committed now (0 before the first install)."""
        return read_signals(database)[0]

    def forget(self, name: str) -> None:
        """Close a database's connections and drop it from the cache (before dropping it)."""
        with self._lock:
            database = self._databases.pop(name, None)
            if database is not None:
                database.dispose()

    def close(self) -> None:
        with self._lock:
            for name in list(self._databases):
                self.forget(name)

    @contextmanager
    def environment(self, name: str | None = None, uid: int = SUPERUSER_ID,
                    context: Mapping[str, Any] | None = None, *, su: bool = True) -> Iterator[Environment]:
        """An environment in a new transaction, committed when the block succeeds."""
        database = self.database(name)
        with database.transaction() as tx:
            yield Environment(tx, uid, context, su=su)


def installed_addons(connection: Any) -> dict[str, str]:
    """``{addon: version}`` of the addons installed in a database (empty for a new one)."""
    if not inspect(connection).has_table(MODULE_TABLE.name):
        return {}
    rows = connection.execute(select(MODULE_TABLE.c.name, MODULE_TABLE.c.latest_version)
                              .where(MODULE_TABLE.c.state == "installed"))
    return {name: version or "" for name, version in rows}
