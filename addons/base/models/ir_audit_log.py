"""ir.audit.log: who changed what, from what to what, when, and through which request.

Models opt in with ``_audit = True``; users, groups, access rights, record rules
and API keys always do, and every login attempt is logged too. Entries are
written by the ORM in superuser mode, in the transaction of the change they
describe (a change rolled back leaves no entry). Administrators
(``base.group_system``) may read them; nobody may change or delete them over RPC.
"""

from nexa.orm import Model, fields

OPERATIONS = [("create", "Create"), ("write", "Write"), ("unlink", "Delete"), ("login", "Login"),
              ("login_failed", "Failed login"), ("totp", "Two-factor")]


class AuditLog(Model):
    _name = "ir.audit.log"
    _description = "Audit Log"
    _order = "id desc"
    _log_access = False
    _rec_name = "model"

    date = fields.Datetime(required=True, index=True, default=lambda self: fields.Datetime.now())
    user_id = fields.Many2one("res.users", "User", index=True, ondelete="set null",
                              help="Who acted (the user of the request, even when the code ran in sudo)")
    model = fields.Char(required=True, index=True)
    res_id = fields.Integer("Record ID", index=True)
    operation = fields.Selection(OPERATIONS, required=True, index=True)
    changes = fields.Json(help='{"field": {"old": value, "new": value}} (secrets are masked)')
    login = fields.Char(help="The login tried, for login events")
    request = fields.Char(help="The request that made the change: route or RPC method, client address")
