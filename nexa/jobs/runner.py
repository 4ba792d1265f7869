"""Running due jobs: take one, run it as the user who asked, record what happened.

Each job runs in its own transaction::

    claim the first due job (FOR UPDATE SKIP LOCKED on PostgreSQL, see Dialect.claim_one)
    mark it started, count the attempt
    savepoint: call records.method(*args, **kwargs) as the job's user (sudo only if enqueued in sudo)
    success -> done; error -> savepoint rolled back, error recorded, pending again at
               now + retry_delay(attempt), or failed after max_attempts
    commit

The row lock is held while the job runs, so no other worker takes it; the job's
changes and its new state commit together (a worker that dies mid-job leaves it
pending, as if it had never started).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_

from nexa.jobs.outcome import Outcome, call_in_savepoint, timed
from nexa.jobs.schedule import retry_delay
from nexa.orm.env import SUPERUSER_ID, Environment

JOB_MODEL = "ir.job"


def run_next_job(database: Any, *, now: datetime) -> Outcome | None:
    """Run the first job of ``database`` due at ``now`` (UTC); None when no job is due."""
    with database.transaction() as transaction:
        env = Environment(transaction, SUPERUSER_ID, {}, su=True)
        if JOB_MODEL not in env:
            return None  # base not upgraded yet: nothing to run
        jobs = env[JOB_MODEL]
        table = jobs._table_obj
        due = and_(table.c.state == "pending", or_(table.c.eta.is_(None), table.c.eta <= now))
        job_id = database.dialect.claim_one(transaction, table, due,
                                            (table.c.priority, table.c.eta, table.c.id))
        if job_id is None:
            return None
        job = jobs.browse(job_id)
        attempt = job.attempts + 1
        job.write({"state": "started", "attempts": attempt})
        outcome = Outcome("job", database.name, job_id, job.name or f"{job.model}.{job.method}",
                          details={"attempt": attempt, "uid": job.user_id.id})
        with timed(outcome):
            error = call_in_savepoint(transaction, lambda: _call(job, transaction))
        if not error:
            job.write({"state": "done", "date_done": now, "error": False})
        else:
            outcome.error = error
            if attempt >= job.max_attempts:
                outcome.state = "failed"
                job.write({"state": "failed", "error": error, "date_done": now})
            else:
                outcome.state = "retry"
                job.write({"state": "pending", "error": error, "eta": now + retry_delay(attempt)})
    outcome.log()
    return outcome


def _call(job: Any, transaction: Any) -> Any:
    """Call the job's method as its user, with its context."""
    from nexa.jobs.delay import check_delayable

    env = Environment(transaction, job.user_id.id or SUPERUSER_ID, job.context or {}, su=job.superuser)
    records = env[job.model].browse(job.record_ids or [])
    check_delayable(records, job.method)  # the code may have changed since the job was written
    return getattr(records, job.method)(*(job.args or []), **(job.kwargs or {}))
