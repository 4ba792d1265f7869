"""Running due ``ir.cron`` records: the same claim as jobs, then the next call computed.

One cron per transaction: claim the first active cron whose ``nextcall`` has
come (FOR UPDATE SKIP LOCKED on PostgreSQL, so two workers never run one cron
twice), call its public method as its user (never in sudo) in a savepoint, then
move ``nextcall`` past now (:func:`~nexa.jobs.schedule.next_call_after`), set
``lastcall``, count down ``numbercall`` (deactivating the cron at 0), and commit.
A cron that raises is logged, its changes rolled back, and it is rescheduled all
the same.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import and_

from nexa.jobs.outcome import Outcome, call_in_savepoint, timed
from nexa.jobs.schedule import next_call_after
from nexa.orm.env import SUPERUSER_ID, Environment

CRON_MODEL = "ir.cron"


def run_next_cron(database: Any, *, now: datetime) -> Outcome | None:
    """Run the first cron of ``database`` due at ``now`` (UTC); None when none is due."""
    with database.transaction() as transaction:
        env = Environment(transaction, SUPERUSER_ID, {}, su=True)
        if CRON_MODEL not in env:
            return None
        crons = env[CRON_MODEL]
        table = crons._table_obj
        due = and_(table.c.active.is_(True), table.c.nextcall <= now, table.c.numbercall != 0)
        cron_id = database.dialect.claim_one(transaction, table, due,
                                             (table.c.priority, table.c.nextcall, table.c.id))
        if cron_id is None:
            return None
        cron = crons.browse(cron_id)
        outcome = Outcome("cron", database.name, cron_id, cron.name,
                          details={"method": f"{cron.model}.{cron.method_name}", "uid": cron.user_id.id})
        with timed(outcome):
            error = call_in_savepoint(transaction, lambda: _call(cron, transaction))
        if error:
            outcome.state, outcome.error = "failed", error
        values: dict[str, Any] = {"lastcall": now, "nextcall": next_call_after(
            cron.nextcall, cron.interval_number, cron.interval_type, now=now)}
        if cron.numbercall > 0:
            values["numbercall"] = cron.numbercall - 1
            if values["numbercall"] == 0:
                values["active"] = False
        cron.write(values)
    outcome.log()
    return outcome


def _call(cron: Any, transaction: Any) -> Any:
    from nexa.jobs.delay import check_delayable

    env = Environment(transaction, cron.user_id.id or SUPERUSER_ID, {}, su=False)
    model = env[cron.model]
    check_delayable(model, cron.method_name)
    return getattr(model, cron.method_name)(*json.loads(cron.args or "[]"))
