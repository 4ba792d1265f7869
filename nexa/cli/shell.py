"""``nexa-bin shell``: Python with a superuser environment on a database.

Interactive (stdin is a terminal): a ``code.interact`` prompt where ``env``,
``runtime``, ``commit()`` and ``rollback()`` are defined. Nothing is saved
until you call ``commit()``; leaving the prompt rolls back what was not
committed.

Scripted (stdin is not a terminal): the whole of stdin is run as one script, in
one transaction that is **committed when the script ends without error** and
rolled back when it raises (or calls ``sys.exit`` with a non-zero status)::

    echo 'env["res.partner"].create({"name": "Ada"})' | nexa-bin -d shop shell

This differs from Odoo, whose shell never commits a piped script: a script
that means to change data should not have to end with ``env.cr.commit()``, and
one that fails must not leave half its changes behind. To try a script
without keeping its changes, end it with ``rollback()``.
"""

from __future__ import annotations

import argparse
import code
import sys
import traceback
from typing import TYPE_CHECKING, Any

from nexa.cli.command import Command
from nexa.orm.env import SUPERUSER_ID, Environment

if TYPE_CHECKING:
    from nexa.runtime import Runtime


class ShellSession:
    """A superuser environment in a long-lived transaction the user commits or rolls back by hand.

    ``env`` keeps working across ``commit()`` and ``rollback()``: the connection
    goes on in a new transaction and the record cache is emptied on rollback.
    """

    def __init__(self, runtime: Runtime, db_name: str) -> None:
        self.transaction = runtime.database(db_name).open_transaction()
        self.env = Environment(self.transaction, SUPERUSER_ID, {}, su=True)

    def commit(self) -> None:
        """Save every change made so far; go on in a new transaction."""
        self.transaction.commit()

    def rollback(self) -> None:
        """Forget every change since the last ``commit()``; go on in a new transaction."""
        self.transaction.rollback()

    def close(self) -> None:
        """Roll back what was not committed and give the connection back."""
        self.transaction.close()

    def namespace(self, runtime: Runtime) -> dict[str, Any]:
        """The names a shell or a script sees."""
        return {"env": self.env, "runtime": runtime, "commit": self.commit, "rollback": self.rollback,
                "__name__": "__main__", "__builtins__": __builtins__}


class ShellCommand(Command):
    """A Python prompt with `env` (superuser, on the -d database), `runtime`, `commit()`, `rollback()`.

    Interactive: nothing is saved until you call commit(); leaving rolls back the rest.

    With stdin not a terminal, stdin is run as one script in one transaction,
    COMMITTED when the script ends without error, rolled back when it raises
    (unlike Odoo's shell, which never commits):

        echo 'env["res.partner"].create({"name": "Ada"})' | nexa-bin -d shop shell
    """

    name = "shell"
    help = "Python prompt (or stdin script) with env on a database"

    def run(self, args: argparse.Namespace, runtime: Runtime) -> int:
        db_name = runtime.db_name()
        session = ShellSession(runtime, db_name)
        try:
            namespace = session.namespace(runtime)
            if sys.stdin.isatty():
                interact(namespace, banner=_banner(db_name, runtime))
                return 0
            return run_script(sys.stdin.read(), namespace, session)
        finally:
            session.close()


def interact(namespace: dict[str, Any], *, banner: str) -> None:
    """The interactive prompt, with tab completion of the shell's names when readline exists."""
    try:
        import readline
        import rlcompleter
    except ImportError:  # Windows without pyreadline: no completion, the prompt still works
        pass
    else:
        readline.set_completer(rlcompleter.Completer(namespace).complete)
        readline.parse_and_bind("tab: complete")
    code.interact(banner=banner, local=namespace, exitmsg="Leaving; what was not committed is rolled back.")


def run_script(source: str, namespace: dict[str, Any], session: ShellSession) -> int:
    """Run a script in one transaction: committed when it succeeds, rolled back when it fails."""
    try:
        compiled = compile(source, "<stdin>", "exec")
    except SyntaxError as error:
        traceback.print_exception(error, limit=0, file=sys.stderr)
        print("error: the script has a syntax error; nothing was run", file=sys.stderr)
        return 1
    try:
        exec(compiled, namespace)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) or exit_.code is None else 1
        if isinstance(exit_.code, str):
            print(exit_.code, file=sys.stderr)
        if status:
            session.rollback()
            return status
    except Exception as error:
        session.rollback()
        traceback.print_exception(type(error), error, error.__traceback__.tb_next, file=sys.stderr)
        print(f"error: the script raised {type(error).__name__}: {error}; nothing since the last commit() "
              "was saved", file=sys.stderr)
        return 1
    session.commit()
    return 0


def _banner(db_name: str, runtime: Runtime) -> str:
    return (f"Nexa shell on database {db_name!r} ({runtime.server.kind}), as the superuser.\n"
            "Names: env, runtime, commit(), rollback(). Nothing is saved until you call commit().")
