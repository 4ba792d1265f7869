"""Install, upgrade and uninstall addons: each one transaction, all or nothing.

Every operation follows the same named steps, in one transaction:

1. compute the addons concerned and the new load order (dependencies, auto-install);
2. check external dependencies, import the addons, build the new registry;
3. bring the schema in line (create/alter, fill new columns with their default;
   drop what an uninstall removes);
4. reflect models and fields into ``ir.model`` / ``ir.model.fields``;
5. load data files (and demo data), run the addons' lifecycle hooks;
6. record the new states in ``ir.module.module`` and bump the registry signal.

If any step fails, the transaction rolls back (DDL included, on SQLite too)
and the database is exactly as it was; the running registry is not replaced.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import inspect, select, update

from nexa.exceptions import AddonError, did_you_mean
from nexa.modules.external import check_external_dependencies
from nexa.modules.graph import auto_install_closure, dependents, load_order
from nexa.orm.env import SUPERUSER_ID, Environment
from nexa.orm.schema import drop_unused, fill_added_columns, sync_schema
from nexa.plugins import addon_plugin_manager
from nexa.runtime import SIGNAL_TABLE, Runtime, installed_addons

_logger = logging.getLogger(__name__)


def _check_known(runtime: Runtime, names: Iterable[str]) -> list[str]:

    names = list(dict.fromkeys(names))
    runtime.check_usable(names)
    for name in names:
        if name not in runtime.addons:
            hint = did_you_mean(name, runtime.addons)
            raise AddonError(f"Addon {name!r} is not on the addons path{hint}", addon=name)
        if not runtime.addons[name].manifest.installable:
            raise AddonError(f"Addon {name!r} is marked installable: false in its manifest", addon=name)
    return names


def _closure(runtime: Runtime, wanted: set[str]) -> list[str]:
    """``wanted`` plus dependencies and auto-installed addons, in load order."""
    manifests = runtime.manifests
    target = set(load_order(manifests, wanted))
    while True:
        extra = auto_install_closure(manifests, target) - target
        if not extra:
            break
        target |= set(load_order(manifests, target | extra))
    return load_order(manifests, target)


def _bump_signal(tx: Any) -> None:
    connection = tx.connection
    if not inspect(connection).has_table(SIGNAL_TABLE.name):
        SIGNAL_TABLE.create(connection)
    current = connection.execute(select(SIGNAL_TABLE.c.sequence)).scalar()
    if current is None:
        connection.execute(SIGNAL_TABLE.insert().values(id=1, sequence=1))
    else:
        connection.execute(update(SIGNAL_TABLE).values(sequence=current + 1))


def _lifecycle(registry: Any, addon: str, hook: str, **kwargs: Any) -> None:
    package = registry.packages.get(addon)
    if package is not None:
        getattr(addon_plugin_manager(package).hook, hook)(**kwargs)


def _demo_enabled(env: Environment, demo: bool | None) -> bool:
    if demo is not None:
        return demo
    module = env["ir.module.module"].search([("name", "=", "base")], limit=1)
    return bool(module.demo)


def _prepare(runtime: Runtime, tx: Any, order: list[str]) -> tuple[Any, Environment]:
    """The steps install and upgrade share: new registry, schema in line, addon list up to date."""
    registry = runtime.build_registry(order)
    tx.registry = registry
    sync_schema(tx, registry)
    env = Environment(tx, SUPERUSER_ID, {}, su=True)
    fill_added_columns(env)
    env["ir.module.module"]._update_list(runtime.addons)
    return registry, env


def _activate(runtime: Runtime, database: Any, registry: Any) -> None:
    """After the commit: the new registry serves this process, and its hook tells the plugins."""
    database.registry = registry
    database.signal = runtime.read_signal(database)
    registry.plugins.hook.nexa_registry_ready(registry=registry, database=database)


def install(runtime: Runtime, db_name: str, names: Iterable[str], *, demo: bool | None = None) -> list[str]:
    """Install ``names`` (with dependencies); returns the addons newly installed, in order."""
    from nexa.data.loading import load_addon_data

    names = _check_known(runtime, names)
    database = runtime.open(db_name)
    with database.transaction() as tx:
        installed = installed_addons(tx.connection)
        order = _closure(runtime, set(installed) | set(names))
        new = [name for name in order if name not in installed]
        if not new:
            return []
        for name in new:
            check_external_dependencies(runtime.addons[name])
        registry, env = _prepare(runtime, tx, order)
        modules = env["ir.module.module"]
        demo = _demo_enabled(env, demo) if installed else bool(demo)
        for name in new:
            env["ir.model"]._reflect_addon(name)
            _lifecycle(registry, name, "nexa_pre_install", env=env)
            load_addon_data(env, runtime.addons[name], mode="init", demo=demo)
            modules.search([("name", "=", name)])._mark_installed(runtime.addons[name].manifest, demo=demo)
            _lifecycle(registry, name, "nexa_post_install", env=env)
        _after_data(env)
        _bump_signal(tx)
    _activate(runtime, database, registry)
    _logger.info("Installed %s in %s", ", ".join(new), db_name)
    return new


def upgrade(runtime: Runtime, db_name: str, names: Iterable[str]) -> list[str]:
    """Upgrade ``names`` and the addons depending on them; returns the upgraded addons in order."""
    from nexa.data.loading import load_addon_data

    names = _check_known(runtime, names)
    database = runtime.open(db_name)
    with database.transaction() as tx:
        installed = installed_addons(tx.connection)
        not_installed = [name for name in names if name not in installed]
        if not_installed:
            raise AddonError(f"Cannot upgrade {', '.join(not_installed)}: not installed in {db_name!r}; "
                             "install it first", addon=not_installed[0])
        order = _closure(runtime, set(installed))
        concerned = set(names) | dependents(runtime.manifests, names, installed)
        concerned |= {name for name in order if name not in installed}
        registry, env = _prepare(runtime, tx, order)
        modules = env["ir.module.module"]
        demo = _demo_enabled(env, None)
        upgraded = [name for name in order if name in concerned]
        for name in upgraded:
            previous = installed.get(name, "")
            env["ir.model"]._reflect_addon(name)
            load_addon_data(env, runtime.addons[name], mode="update" if name in installed else "init",
                            demo=demo)
            modules.search([("name", "=", name)])._mark_installed(runtime.addons[name].manifest, demo=demo)
            _lifecycle(registry, name, "nexa_post_upgrade", env=env, previous_version=previous)
        _after_data(env)
        _bump_signal(tx)
    _activate(runtime, database, registry)
    return upgraded


def uninstall(runtime: Runtime, db_name: str, names: Iterable[str]) -> list[str]:
    """Uninstall ``names`` and the addons depending on them; returns what was removed."""
    names = list(dict.fromkeys(names))
    if "base" in names:
        raise AddonError("The base addon cannot be uninstalled: drop the database instead", addon="base")
    database = runtime.database(db_name)
    old = database.registry
    with database.transaction() as tx:
        installed = installed_addons(tx.connection)
        missing = [name for name in names if name not in installed]
        if missing:
            raise AddonError(f"Cannot uninstall {', '.join(missing)}: not installed in {db_name!r}",
                             addon=missing[0])
        removed = set(names) | dependents(runtime.manifests, names, installed)
        keep = [name for name in installed if name not in removed]
        order = load_order(runtime.manifests, keep)
        removed_order = [name for name in old.load_order if name in removed]
        env = Environment(tx, SUPERUSER_ID, {}, su=True)
        for name in reversed(removed_order):
            _lifecycle(old, name, "nexa_uninstall", env=env)
            env["ir.model.data"]._remove_addon_data(name)
        new = runtime.build_registry(order)
        for name in reversed(removed_order):
            env["ir.model"]._unreflect_addon(name, new)
        drop_unused(tx, old, new)
        tx.registry = new
        env = Environment(tx, SUPERUSER_ID, {}, su=True)
        env["ir.module.module"].search([("name", "in", removed_order)])._mark_uninstalled()
        env.cache.clear()
        _bump_signal(tx)
    _activate(runtime, database, new)
    return removed_order


def _after_data(env: Environment) -> None:
    """Checks run once all data of an operation is loaded (views, etc.), via a model hook."""
    check = getattr(env["ir.module.module"], "_check_after_load", None)
    if check is not None:
        check()
