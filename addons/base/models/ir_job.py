"""ir.job: a method call asked for with ``records.with_delay().method(...)``, run by ``nexa-bin worker``.

Rows are written by :mod:`nexa.jobs.delay` in the transaction of the business
change, run by :mod:`nexa.jobs.runner` as ``user_id`` (in superuser mode only
when enqueued under sudo). A job that raises is retried with a growing delay
until ``max_attempts``, then ``failed`` with the error kept. Administrators
(``base.group_system``) may read jobs, requeue failed ones, and delete them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from nexa.orm import Model, fields

STATES = [("pending", "Pending"), ("started", "Started"), ("done", "Done"), ("failed", "Failed")]

#: Finished jobs are deleted by the auto-vacuum this long after they were done.
KEEP_DONE = timedelta(days=7)


class Job(Model):
    _name = "ir.job"
    _description = "Job"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, help="model.method")
    state = fields.Selection(STATES, default="pending", required=True, index=True, readonly=True,
                             help="Started: being run, inside the worker's transaction (a worker that dies "
                                  "leaves the job pending)")
    model = fields.Char(required=True, readonly=True)
    method = fields.Char(required=True, readonly=True)
    record_ids = fields.Json("Record IDs", readonly=True)
    args = fields.Json("Arguments", readonly=True)
    kwargs = fields.Json("Keyword Arguments", readonly=True)
    eta = fields.Datetime("Not Before", index=True, help="Empty: as soon as a worker is free (UTC)")
    priority = fields.Integer(default=10, help="Lower runs first")
    attempts = fields.Integer(readonly=True)
    max_attempts = fields.Integer(default=3, help="Attempts before the job is marked failed")
    error = fields.Text(readonly=True, help="The traceback of the last failed attempt")
    user_id = fields.Many2one("res.users", "User", required=True, ondelete="cascade", readonly=True,
                              help="Who asked: the job runs as this user, access rules included")
    superuser = fields.Boolean(readonly=True, help="Enqueued under sudo: runs in superuser mode")
    company_id = fields.Many2one("res.company", "Company", ondelete="set null", readonly=True)
    context = fields.Json(readonly=True, help="The context of the request that asked (JSON values only)")
    date_done = fields.Datetime("Done On", readonly=True)

    def requeue(self) -> bool:
        """Run failed jobs again: pending, attempts and error cleared."""
        self.filtered(lambda job: job.state == "failed").write(
            {"state": "pending", "attempts": 0, "error": False, "eta": False, "date_done": False})
        return True

    def _vacuum_done(self, now: datetime) -> int:
        """Delete the jobs done more than :data:`KEEP_DONE` before ``now``; return how many."""
        done = self.sudo().search([("state", "=", "done"), ("date_done", "<", now - KEEP_DONE)])
        count = len(done)
        done.unlink()
        return count
