"""Background work: jobs asked for by business code, scheduled crons, and the worker that runs both.

Addon code asks for a job on any recordset; the row is written in the same
transaction, so a rolled-back change asks for nothing::

    partners.with_delay(eta=timedelta(minutes=5)).send_reminder(template="short")

``nexa-bin worker`` (:class:`~nexa.jobs.worker.Worker`) runs due ``ir.cron``
records and ``ir.job`` rows, each in its own transaction, as the user who asked.
The modules, one concept each:

* :mod:`~nexa.jobs.delay`: ``with_delay()`` and the checks on what may be delayed;
* :mod:`~nexa.jobs.runner` and :mod:`~nexa.jobs.cron`: taking one due job / cron and running it;
* :mod:`~nexa.jobs.schedule`: intervals, next calls (months too), retry delays;
* :mod:`~nexa.jobs.wakeup`: Redis wake-ups after commit; :mod:`~nexa.jobs.outcome`: log lines;
* :mod:`~nexa.jobs.worker`: the loop over databases.

See ``docs/jobs.md``.
"""

from nexa.jobs.cron import run_next_cron
from nexa.jobs.delay import DelayedCalls
from nexa.jobs.outcome import Outcome
from nexa.jobs.runner import run_next_job
from nexa.jobs.schedule import add_interval, next_call_after
from nexa.jobs.worker import Worker

__all__ = ["DelayedCalls", "Outcome", "Worker", "add_interval", "next_call_after", "run_next_cron",
           "run_next_job"]
