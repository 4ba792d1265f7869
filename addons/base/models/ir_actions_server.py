"""ir.actions.server: actions that run on the server, from a menu, a button or the Action menu.

Two kinds (``state``):

* ``code``: Python statements run by :func:`nexa.data.safe_eval.safe_exec`, the
  restricted evaluator (no imports, no private attributes, bounded loops). The
  code sees ``env``, ``model``, ``record``/``records`` (the active records),
  ``UserError``, ``ValidationError``, ``Command``, ``datetime``, ``log`` and
  returns an action to the client by assigning ``action = {...}``::

      for partner in records:
          partner.write({"comment": "checked"})
      action = {"type": "ir.actions.act_window_close"}

* ``object_method``: call the public method ``method_name`` of the active
  records (of the model when there are none); a dict it returns is the action.

The active records come from the context (``active_model``, ``active_id``,
``active_ids``), as the client sends them. Code runs as the current user, never
in superuser mode, so access rights and record rules apply to it.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from nexa.exceptions import AccessError, UserError, ValidationError
from nexa.orm import Command, Model, api, fields
from nexa.views.catalog import ACTIONS_MODEL, is_public_method

_logger = logging.getLogger(__name__)


class ServerAction(Model):
    """A server action (see the module docstring)."""

    _name = "ir.actions.server"
    _inherit = ACTIONS_MODEL
    _description = "Server Action"
    _table = "ir_act_server"
    _order = "sequence, name, id"

    type = fields.Char(default="ir.actions.server")
    usage = fields.Selection([("ir_actions_server", "Server Action"), ("ir_cron", "Scheduled Action")],
                             default="ir_actions_server", required=True)
    sequence = fields.Integer(default=5)
    model_id = fields.Many2one("ir.model", "Model", required=True, ondelete="cascade",
                               help="The model whose records the action runs on")
    model_name = fields.Char(related="model_id.model", string="Model Name")
    state = fields.Selection([("code", "Execute Code"), ("object_method", "Call a Method")], "Action To Do",
                             default="code", required=True)
    code = fields.Text("Python Code", help="Run by the restricted evaluator; assign 'action' to return one")
    method_name = fields.Char("Method", help="Public method of the model called on the active records")
    groups_id = fields.Many2many("res.groups", "ir_act_server_group_rel", "act_id", "gid", "Allowed Groups")

    @api.constrains("state", "code", "method_name", "model_id")
    def _check_definition(self) -> None:
        from nexa.data.safe_eval import compile_safe

        for action in self:
            if action.state == "code" and action.code:
                compile_safe(action.code, "exec")  # raises SafeEvalError naming the construct and line
            if action.state == "object_method":
                model = action.model_id.model
                cls = self.env.registry.models.get(model)
                if cls is None or not is_public_method(cls, action.method_name or ""):
                    raise ValidationError(
                        f"Server action {action.name!r} calls {action.method_name!r}, which is not a public "
                        f"method of model {model!r}", model=self._name, field="method_name",
                        value=action.method_name)

    def _get_readable_fields(self) -> set[str]:
        return super()._get_readable_fields() | {"groups_id", "model_name"}

    def _active_records(self) -> Any:
        context = self.env.context
        model = self.env[self.model_id.sudo().model]
        if context.get("active_model") not in (None, model._name):
            return model.browse()
        ids = context.get("active_ids") or ([context["active_id"]] if context.get("active_id") else [])
        return model.browse([int(record_id) for record_id in ids])

    def _eval_context(self, records: Any) -> dict[str, Any]:
        """The names ``code`` sees."""
        action = self.sudo()

        def log(message: str, level: str = "info") -> None:
            getattr(_logger, level if level in ("debug", "info", "warning", "error") else "info")(
                "server action %s (%s): %s", action.name, action.id, message)

        return {"env": self.env, "model": records.browse(), "record": records[:1] if records else records,
                "records": records, "UserError": UserError, "ValidationError": ValidationError, "Command": Command,
                "datetime": datetime.datetime, "date": datetime.date, "timedelta": datetime.timedelta, "log": log,
                "uid": self.env.uid, "context": dict(self.env.context)}

    def run(self) -> Any:
        """Run the actions in order on the active records; the last action one of them returned, else False."""
        from nexa.data.safe_eval import safe_exec

        result: Any = False
        for action in self:
            action._check_groups()
            definition = action.sudo()
            records = action.with_env(self.env(su=False))._active_records()
            if definition.state == "code":
                context = action._eval_context(records)
                safe_exec(definition.code or "", context)
                outcome = context.get("action")
            else:
                name = definition.method_name or ""
                if not is_public_method(type(records), name):
                    raise AccessError(f"Server action {definition.name!r} may not call {name!r} on "
                                      f"{records._name}: only public methods can be called", model=records._name)
                outcome = getattr(records, name)()
            if isinstance(outcome, dict):
                result = outcome
        return result
