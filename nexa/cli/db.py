"""``nexa-bin db``: create, drop, list and test databases.

A database is not usable until ``base`` is installed in it, so ``db create``
does both, in one step that either fully succeeds or leaves nothing behind: if
installing fails, the half-created database is dropped again.

    nexa-bin db create shop --demo --with sale --admin-password 's3cret'
    nexa-bin db list
    nexa-bin db exists shop && echo "ready"
    nexa-bin db drop shop
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from nexa.cli.command import CommandGroup, split_names
from nexa.db.server import check_name
from nexa.exceptions import ValidationError
from nexa.modules.databases import ADMIN_LOGIN, DEFAULT_ADMIN_PASSWORD, create_database, drop_database

if TYPE_CHECKING:
    from nexa.runtime import Runtime



class DatabaseCommand(CommandGroup):
    """Manage databases: create (with base installed), drop, list, test existence.

    On SQLite (no db_url) a database is the file <data_dir>/<name>.sqlite; with
    db_url = postgresql://... it is a database of that server.
    """

    name = "db"
    help = "Create, drop, list databases"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        create = self.add_action(parser, "create", self.create, "Create a database with base installed")
        create.add_argument("name", metavar="NAME", help="Name of the new database")
        create.add_argument("--demo", action="store_true", help="Load demo data (now and for later installs)")
        create.add_argument("--admin-password", metavar="PW",
                            help=f"Password of the '{ADMIN_LOGIN}' user (default: {DEFAULT_ADMIN_PASSWORD!r}, "
                                 "with a warning)")
        create.add_argument("--with", dest="with_addons", metavar="ADDON", nargs="+", action="extend", default=[],
                            help="Other addons to install (names separated by spaces or commas)")
        drop = self.add_action(parser, "drop", self.drop, "Drop a database (asks no question)")
        drop.add_argument("name", metavar="NAME", help="The database to drop")
        self.add_action(parser, "list", self.list, "List the databases, one name a line")
        exists = self.add_action(parser, "exists", self.exists, "Exit with 0 if a database exists, else 1")
        exists.add_argument("name", metavar="NAME", help="The database to look for")

    def create(self, args: argparse.Namespace, runtime: Runtime) -> int:
        """Create database NAME, install base (with demo data under --demo) and the --with addons,
        then set the admin password. If anything fails, the database is dropped again.

        Log in with login 'admin' and the password given (default 'admin': change it).
        """
        name = check_name(args.name)
        if args.admin_password == "":
            raise ValidationError("The admin password cannot be empty: give one with --admin-password PW, "
                                  f"or leave the option out to keep {DEFAULT_ADMIN_PASSWORD!r}")
        installed = create_database(runtime, name, demo=args.demo, addons=split_names(args.with_addons),
                                    admin_password=args.admin_password or DEFAULT_ADMIN_PASSWORD)
        print(f"Created database {name} ({runtime.server.kind}) with {', '.join(installed)}")
        if args.admin_password is None:
            print(f"warning: the '{ADMIN_LOGIN}' user's password is the default {DEFAULT_ADMIN_PASSWORD!r}; "
                  "set another with --admin-password or change it after logging in", file=sys.stderr)
        return 0

    def drop(self, args: argparse.Namespace, runtime: Runtime) -> int:
        """Drop database NAME and everything in it, without asking for confirmation."""
        name = check_name(args.name)
        drop_database(runtime, name)
        print(f"Dropped database {name}")
        return 0

    def list(self, args: argparse.Namespace, runtime: Runtime) -> int:
        """Print the name of every database of the configured server (or data_dir), one a line."""
        for name in runtime.server.list():
            print(name)
        return 0

    def exists(self, args: argparse.Namespace, runtime: Runtime) -> int:
        """Exit with status 0 when database NAME exists, 1 when it does not; print nothing."""
        return 0 if runtime.server.exists(check_name(args.name)) else 1
