"""res.company: the companies of the database (multi-company)."""

from nexa.orm import Model, api, fields


class Company(Model):
    _name = "res.company"
    _description = "Company"
    _order = "sequence, name"

    name = fields.Char(related="partner_id.name", string="Company Name", store=True, readonly=False)
    partner_id = fields.Many2one("res.partner", "Partner", required=True, ondelete="restrict")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one("res.company", "Parent Company", index=True)
    child_ids = fields.One2many("res.company", "parent_id", "Branches")
    currency_id = fields.Many2one("res.currency", "Currency", required=True,
                                  default=lambda self: self.env.ref("base.EUR", raise_if_not_found=False))
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    country_id = fields.Many2one(related="partner_id.country_id", readonly=False)
    user_ids = fields.Many2many("res.users", "res_company_users_rel", "cid", "user_id", "Accepted Users")

    @api.model_create_multi
    def create(self, vals_list: list[dict]) -> "Company":
        """A company gets a partner of the same name when none is given."""
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        prepared = []
        for values in vals_list:
            values = dict(values)
            if not values.get("partner_id"):
                partner = self.env["res.partner"].sudo().create({
                    "name": values.pop("name", None) or "Company", "is_company": True,
                    "email": values.pop("email", False), "phone": values.pop("phone", False)})
                values["partner_id"] = partner.id
            prepared.append(values)
        companies = super().create(prepared)
        for company in companies:
            company.partner_id.sudo().write({"company_id": company.id})
        return companies
