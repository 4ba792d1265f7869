"""ir.cron: a public method of a model called at regular intervals by ``nexa-bin worker``.

Addons ship crons as data (``noupdate``, so an administrator's changes stay)::

    <record id="autovacuum_job" model="ir.cron">
        <field name="name">Base: Auto-vacuum internal data</field>
        <field name="model">ir.autovacuum</field>
        <field name="method_name">power_on</field>
        <field name="interval_type">days</field>
    </record>

The method runs as ``user_id`` (never in superuser mode) with the JSON list
``args`` as positional arguments; see :mod:`nexa.jobs.cron` for locking,
failures and rescheduling.
"""

from __future__ import annotations

import json

from nexa.exceptions import ValidationError, did_you_mean
from nexa.jobs.schedule import INTERVAL_TYPES
from nexa.orm import Model, api, fields


class Cron(Model):
    _name = "ir.cron"
    _description = "Scheduled Action"
    _order = "priority, name, id"

    name = fields.Char(required=True)
    model = fields.Char(required=True, help="The model whose method is called, e.g. res.partner")
    method_name = fields.Char("Method", required=True, help="A public method of the model (no leading _)")
    args = fields.Text("Arguments", default="[]", help="JSON list of positional arguments, e.g. [7, \"daily\"]")
    interval_number = fields.Integer("Repeat Every", default=1, required=True)
    interval_type = fields.Selection(INTERVAL_TYPES, "Interval Unit", default="months", required=True)
    nextcall = fields.Datetime("Next Execution Date", required=True, default=lambda self: fields.Datetime.now(),
                               help="When the next call is due (UTC)")
    lastcall = fields.Datetime("Last Execution Date", readonly=True)
    numbercall = fields.Integer("Number of Calls", default=-1,
                                help="How many more times to call: -1 forever; at 0 the cron is deactivated")
    priority = fields.Integer(default=5, help="Lower runs first when several crons are due")
    active = fields.Boolean(default=True, help="Archived crons never run")
    user_id = fields.Many2one("res.users", "Scheduler User", required=True, ondelete="restrict",
                              default=lambda self: self.env.uid, help="The method runs as this user")

    @api.constrains("model", "method_name", "args", "interval_number")
    def _check_call(self) -> None:
        from nexa.jobs.delay import check_delayable

        for cron in self:
            if cron.model not in self.env:
                raise ValidationError(f"Scheduled action {cron.name!r}: no model {cron.model!r}"
                                      f"{did_you_mean(cron.model, self.env)}", model=self._name,
                                      field="model", value=cron.model)
            try:
                check_delayable(self.env[cron.model], cron.method_name or "")
            except Exception as error:
                raise ValidationError(f"Scheduled action {cron.name!r}: {error}", model=self._name,
                                      field="method_name", value=cron.method_name) from None
            try:
                args = json.loads(cron.args or "[]")
            except ValueError as error:
                args, problem = None, f"is not JSON ({error})"
            else:
                problem = "must be a JSON list, e.g. [] or [1, \"x\"]"
            if not isinstance(args, list):
                raise ValidationError(f"Scheduled action {cron.name!r}: the arguments {cron.args!r} {problem}",
                                      model=self._name, field="args", value=cron.args)
            if cron.interval_number < 1:
                raise ValidationError(f"Scheduled action {cron.name!r}: repeat every {cron.interval_number} "
                                      f"{cron.interval_type}? The interval must be at least 1",
                                      model=self._name, field="interval_number", value=cron.interval_number)

    def method_direct_trigger(self) -> bool:
        """Run now, in this transaction, as the cron's user ("Run Manually"); the schedule is unchanged."""
        from nexa.jobs.delay import check_delayable

        for cron in self:
            model = self.env(user=cron.user_id.id, su=False)[cron.model]
            check_delayable(model, cron.method_name)
            getattr(model, cron.method_name)(*json.loads(cron.args or "[]"))
        return True
