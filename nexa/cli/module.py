"""``nexa-bin module``: install, upgrade, uninstall and list the addons of a database.

Each change runs in one transaction (see :mod:`nexa.modules.install`): it
either completes, dependencies and auto-installed addons included, or leaves
the database as it was. The command prints what changed, in load order.

    nexa-bin -d shop module install sale crm
    nexa-bin -d shop module upgrade sale
    nexa-bin -d shop module uninstall crm
    nexa-bin -d shop module list --installed
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from nexa.cli.command import CommandGroup, format_table, split_names
from nexa.exceptions import ConfigError

if TYPE_CHECKING:
    from nexa.runtime import Runtime


class ModuleCommand(CommandGroup):
    """Install, upgrade, uninstall or list addons in the database chosen with -d.

    Addon names may be separated by spaces or commas. Installing pulls in the
    dependencies and the auto_install addons; upgrading or uninstalling an addon
    also upgrades or uninstalls the installed addons depending on it.
    """

    name = "module"
    help = "Install, upgrade, uninstall and list addons"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        install = self.add_action(parser, "install", self.install, "Install addons and their dependencies")
        install.add_argument("names", metavar="NAME", nargs="+", help="Addons to install")
        install.add_argument("--demo", action="store_true", default=None,
                             help="Load demo data (default: as the database was created)")
        upgrade = self.add_action(parser, "upgrade", self.upgrade, "Upgrade addons and those depending on them")
        upgrade.add_argument("names", metavar="NAME", nargs="+", help="Addons to upgrade")
        uninstall = self.add_action(parser, "uninstall", self.uninstall,
                                    "Uninstall addons and those depending on them")
        uninstall.add_argument("names", metavar="NAME", nargs="+", help="Addons to uninstall")
        listing = self.add_action(parser, "list", self.list, "List the addons with their state")
        listing.add_argument("--installed", action="store_true", help="Only the addons installed in the database")

    def install(self, args: argparse.Namespace, runtime: Runtime) -> int:
        """Install the NAME addons in the -d database, with their dependencies and the addons
        they auto-install; print the addons newly installed, in load order."""
        from nexa.modules.install import install

        db_name = runtime.db_name()
        names = split_names(args.names)
        done = install(runtime, db_name, names, demo=args.demo)
        print(f"Installed in {db_name}: {', '.join(done)}" if done
              else f"Nothing to install in {db_name}: {', '.join(names)} already installed")
        return 0

    def upgrade(self, args: argparse.Namespace, runtime: Runtime) -> int:
        """Upgrade the NAME addons (schema, data) and the installed addons depending on them;
        print the addons upgraded, in load order."""
        from nexa.modules.install import upgrade

        db_name = runtime.db_name()
        done = upgrade(runtime, db_name, split_names(args.names))
        print(f"Upgraded in {db_name}: {', '.join(done)}")
        return 0

    def uninstall(self, args: argparse.Namespace, runtime: Runtime) -> int:
        """Uninstall the NAME addons and the installed addons depending on them, removing their
        data, tables and columns; print the addons removed."""
        from nexa.modules.install import uninstall

        db_name = runtime.db_name()
        done = uninstall(runtime, db_name, split_names(args.names))
        print(f"Uninstalled from {db_name}: {', '.join(done)}")
        return 0

    def list(self, args: argparse.Namespace, runtime: Runtime) -> int:
        """Print a table of the addons on the addons path (name, state, version, summary).

        With a database (-d), the state and version are the database's; without one,
        every addon is listed as 'available'. --installed needs a database.
        """
        db_name = _chosen_database(runtime)
        if args.installed and db_name is None:
            raise ConfigError("module list --installed needs a database: pass -d NAME before 'module'")
        installed = _installed_in(runtime, db_name) if db_name else {}
        rows = []
        for name, info in runtime.addons.items():
            if name in installed:
                rows.append((name, "installed", installed[name] or info.manifest.version, info.manifest.summary))
            elif not args.installed:
                state = "not installable" if not info.manifest.installable else (
                    "uninstalled" if db_name else "available")
                rows.append((name, state, info.manifest.version, info.manifest.summary))
        for name in sorted(set(installed) - set(runtime.addons)):
            rows.append((name, "installed", installed[name], "(missing: not on the addons path)"))
        print(format_table(("NAME", "STATE", "VERSION", "SUMMARY"), sorted(rows)))
        return 0


def _chosen_database(runtime: Runtime) -> str | None:
    """The database -d (or the configuration) names, or None when there is none."""
    try:
        return runtime.db_name()
    except ConfigError:
        return None


def _installed_in(runtime: Runtime, db_name: str) -> dict[str, str]:
    """``{addon: installed version}`` read from the database, without loading its registry."""
    from nexa.runtime import installed_addons

    with runtime.open(db_name).transaction() as tx:
        return installed_addons(tx.connection)
