"""ir.rule: record rules, domains restricting which records a user may touch."""

from nexa.orm import Model, api, fields


class Rule(Model):
    _name = "ir.rule"
    _description = "Record Rule"
    _order = "model_id, name"

    name = fields.Char(index=True)
    active = fields.Boolean(default=True)
    model_id = fields.Many2one("ir.model", "Model", required=True, ondelete="cascade", index=True)
    groups = fields.Many2many("res.groups", "rule_group_rel", "rule_group_id", "group_id",
                              help="Empty: a global rule, applied to everybody and intersected with others")
    domain_force = fields.Text("Domain", help="e.g. [('company_id', 'in', company_ids)]")
    perm_read = fields.Boolean("Apply for Read", default=True)
    perm_write = fields.Boolean("Apply for Write", default=True)
    perm_create = fields.Boolean("Apply for Create", default=True)
    perm_unlink = fields.Boolean("Apply for Delete", default=True)
    global_rule = fields.Boolean("Global", compute="_compute_global_rule")

    @api.depends("groups")
    def _compute_global_rule(self) -> None:
        for rule in self:
            rule.global_rule = not rule.groups
