"""test.security.doc: a document owned by a user, in a company, with lines, tags and a category.

* rules: users see their own documents, managers every one, nobody another
  company's; locked documents cannot be written or deleted by users;
* ``secret_note`` is for ``base.group_system`` only (field groups);
* ``partner_id`` and ``account_id`` are company-checked (``_check_company_auto``);
* ``price`` and ``account_id`` are company-dependent;
* every change is audited (``_audit``).
"""

from __future__ import annotations

from nexa.orm import Model, fields


class Doc(Model):
    _name = "test.security.doc"
    _description = "Security Document"
    _order = "name, id"
    _check_company_auto = True
    _audit = True

    name = fields.Char(required=True)
    owner_id = fields.Many2one("res.users", "Owner", default=lambda self: self.env.uid)
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.company)
    state = fields.Selection([("draft", "Draft"), ("locked", "Locked")], default="draft")
    amount = fields.Integer()
    partner_id = fields.Many2one("res.partner", "Partner", check_company=True)
    category_id = fields.Many2one("test.security.category", "Category")
    line_ids = fields.One2many("test.security.line", "doc_id", "Lines")
    tag_ids = fields.Many2many("test.security.tag", string="Tags")
    secret_note = fields.Char(groups="base.group_system")
    price = fields.Float(company_dependent=True, default=1.5)
    account_id = fields.Many2one("test.security.account", "Account", company_dependent=True, check_company=True)
