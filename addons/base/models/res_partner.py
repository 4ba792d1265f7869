"""res.partner: contacts, people and companies alike."""

from __future__ import annotations

from nexa.orm import Model, api, fields


class PartnerCategory(Model):
    _name = "res.partner.category"
    _description = "Contact Tag"
    _order = "name"

    name = fields.Char(required=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    partner_ids = fields.Many2many("res.partner", "res_partner_res_partner_category_rel", "category_id",
                                   "partner_id", "Contacts")


class Partner(Model):
    _name = "res.partner"
    _description = "Contact"
    _order = "complete_name, id"
    _rec_names_search = ["complete_name", "email", "ref"]

    name = fields.Char(index=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, index=True, recursive=True)
    ref = fields.Char("Reference", index=True)
    active = fields.Boolean(default=True)
    is_company = fields.Boolean("Is a Company")
    function = fields.Char("Job Position")
    parent_id = fields.Many2one("res.partner", "Related Company", index=True)
    child_ids = fields.One2many("res.partner", "parent_id", "Contacts")
    category_id = fields.Many2many("res.partner.category", "res_partner_res_partner_category_rel", "partner_id",
                                   "category_id", "Tags")
    email = fields.Char(index=True)
    phone = fields.Char()
    mobile = fields.Char()
    website = fields.Char()
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country", "Country", ondelete="restrict")
    vat = fields.Char("Tax ID")
    lang = fields.Char("Language", default="en_US")
    tz = fields.Char("Timezone")
    comment = fields.Html("Notes")
    color = fields.Integer()
    company_id = fields.Many2one("res.company", "Company", index=True)
    user_ids = fields.One2many("res.users", "partner_id", "Users")
    image_1920 = fields.Image("Image")

    @api.depends("name", "parent_id.complete_name", "is_company")
    def _compute_complete_name(self) -> None:
        for partner in self:
            name = partner.name or ""
            if partner.parent_id and not partner.is_company:
                name = f"{partner.parent_id.complete_name or partner.parent_id.name}, {name}"
            partner.complete_name = name

    def _compute_display_name(self) -> None:
        for partner in self:
            partner.display_name = partner.complete_name or partner.name or ""
