"""``nexa-bin check``: find the definition problems of addons before installing them.

It builds the registry the addons would get (every addon on the addons path, or
the addons installed in the -d database) without touching any database, and
lists every problem the build finds, each with its stable id (see
``docs/errors.md``), so one run shows everything to fix::

    $ nexa-bin check
    [models.E001] model library.book (addons library), field author_id: comodel 'res.partnr' is not
    defined by any installed addon (hint: did you mean 'res.partner'?)
    1 problem found in 3 addons
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from nexa.cli.command import Command
from nexa.exceptions import DatabaseError
from nexa.problems import ProblemsFound

if TYPE_CHECKING:
    from nexa.runtime import Runtime


class CheckCommand(Command):
    """Build the registry of every installable addon on the addons path (or, with -d, of the
    database's installed addons) and report every definition problem; exit 1 if there is one.

    No database is changed; with -d the database is only read to know its addons.
    """

    name = "check"
    help = "Report the definition problems of addons"

    def run(self, args: argparse.Namespace, runtime: Runtime) -> int:
        from nexa.modules.graph import load_order

        names = addons_to_check(runtime, args.db_name)
        if runtime.broken_addons:
            for error in runtime.broken_addons.values():
                print(f"error: {error}")
            print(f"{len(runtime.broken_addons)} addons cannot be used (see above)")
            return 1
        order = load_order(runtime.manifests, names)
        try:
            registry = runtime.build_registry(order)
        except ProblemsFound as found:
            for problem in found.problems:
                print(problem)
            count = len(found.problems)
            print(f"{count} problem{'s' if count != 1 else ''} found in {len(order)} addons")
            return 1
        print(f"No problems found ({len(order)} addons, {len(registry.models)} models)")
        return 0


def addons_to_check(runtime: Runtime, db_name: str | None) -> list[str]:
    """The installed addons of database ``db_name`` (given with -d), else every installable addon."""
    if not db_name:
        return [name for name, info in runtime.addons.items() if info.manifest.installable]
    from nexa.runtime import installed_addons

    database = runtime.open(db_name)
    with database.transaction() as tx:
        installed = installed_addons(tx.connection)
    if not installed:
        raise DatabaseError(f"Database {db_name!r} has no addon installed: nothing to check; "
                            f"leave out -d to check every addon on the addons path")
    return sorted(installed)
