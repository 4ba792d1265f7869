"""ir.rule: record rules, domains restricting which records a user may touch.

Rules without groups are *global*: every user gets all of them, intersected.
Rules with groups apply to the members of those groups; a user's group rules
are united, then intersected with the global ones (see
:mod:`nexa.security.rules`). A domain is checked when the rule is saved, so a
typo fails there rather than on the next search of every user.
"""

from __future__ import annotations

from nexa.exceptions import ValidationError
from nexa.orm import Model, api, fields


class Rule(Model):
    _name = "ir.rule"
    _description = "Record Rule"
    _order = "model_id, name"
    _inherit = ["ir.security.mixin"]

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

    @api.constrains("domain_force", "model_id")
    def _check_domain(self) -> None:
        """Evaluate and compile each domain now, naming the rule and the error if it fails."""
        from nexa.orm import domain as domains
        from nexa.orm.query import DomainCompiler
        from nexa.security.rules import evaluate_domain, rule_eval_context

        context = rule_eval_context(self.env)
        for rule in self.sudo():
            model_name = rule.model_id.model
            if model_name not in self.env.registry:
                continue
            try:
                domain = evaluate_domain(rule.domain_force, context)
                model = self.env[model_name].sudo()
                DomainCompiler(model, model._table_obj).compile(domains.parse(domain))
            except Exception as error:  # any failure is the rule author's to fix
                raise ValidationError(f"Invalid domain {rule.domain_force!r} in record rule {rule.name!r} on "
                                      f"{model_name}: {error}", model=self._name, field="domain_force",
                                      value=rule.domain_force) from None
