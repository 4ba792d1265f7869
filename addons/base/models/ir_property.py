"""ir.property: the values of company-dependent fields, one per record and company.

A field declared ``company_dependent=True`` has no column: its value for the
current company (``env.company``) lives here, typed by the field (a text, a
number, an id...). A row without ``res_id`` is the company's default for every
record, a row without ``company_id`` the default of every company. See
:mod:`nexa.security.company_values` for how fields read, write and search them.
"""

from nexa.orm import Model, fields


class Property(Model):
    _name = "ir.property"
    _description = "Company-Dependent Value"
    _order = "model, name, res_id, company_id"

    name = fields.Char("Field", required=True, index=True)
    model = fields.Char(required=True, index=True)
    res_id = fields.Integer("Record ID", index=True, help="Empty: the default value of the company")
    company_id = fields.Many2one("res.company", "Company", index=True, ondelete="cascade",
                                 help="Empty: the default value of every company")
    value_text = fields.Text()
    value_float = fields.Float()
    value_integer = fields.Integer()
    value_boolean = fields.Boolean()
    value_date = fields.Date()
    value_datetime = fields.Datetime()
