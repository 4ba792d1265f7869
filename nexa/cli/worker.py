"""``nexa-bin worker``: run due scheduled actions (``ir.cron``) and jobs (``ir.job``)."""

from __future__ import annotations

import argparse
import signal
import threading
from typing import Any

from nexa.cli.command import Command


class WorkerCommand(Command):
    """Run due scheduled actions (ir.cron) and jobs (ir.job, from with_delay()).

    With -d (or db_name in the configuration), one database; otherwise every database the server would
    serve (dbfilter). Each cron and job runs in its own transaction, as its user; one log line each, with
    its duration. Without --once the worker waits for more: it polls every --poll-interval seconds, and
    with redis_url a new job wakes it at once. SIGTERM and SIGINT stop it after the current job.
    Run it next to 'nexa-bin server' (one or more worker processes; they never run one job twice).
    """

    name = "worker"
    help = "Run due scheduled actions and background jobs"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true",
                            help="Run what is due now, then exit (tests, or a system cron calling it)")
        parser.add_argument("--poll-interval", dest="worker_poll_interval", type=float, default=None,
                            metavar="SECONDS",
                            help="Seconds to wait when idle (default: poll_interval of the configuration, 5)")

    def run(self, args: argparse.Namespace, runtime: Any) -> int:
        from nexa.jobs.worker import Worker

        name = args.db_name or runtime.config.db_name or runtime.url_db_name
        if name:
            runtime.database(name)  # a missing database or addon is an error now, not a silent skip
        worker = Worker(runtime, [name] if name else None, poll_interval=args.worker_poll_interval)
        if args.once:
            worker.run_pending()
            return 0
        restore = _stop_on_signals(worker)
        try:
            worker.run_forever()
        finally:
            restore()
        return 0


def _stop_on_signals(worker: Any) -> Any:
    """SIGTERM/SIGINT call ``worker.stop()``; return what puts the previous handlers back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    for number in previous:
        signal.signal(number, lambda _number, _frame: worker.stop())

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore
