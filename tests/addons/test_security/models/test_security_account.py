"""test.security.account: accounts of a company, the target of a company-dependent many2one."""

from nexa.orm import Model, fields


class Account(Model):
    _name = "test.security.account"
    _description = "Security Account"
    _order = "name"

    name = fields.Char(required=True)
    company_id = fields.Many2one("res.company", "Company")
