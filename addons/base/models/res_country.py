"""res.country: countries, with their ISO code and currency."""

from nexa.orm import Model, fields


class Country(Model):
    _name = "res.country"
    _description = "Country"
    _order = "name"
    _sql_constraints = [("code_uniq", "unique (code)", "The country code must be unique.")]

    name = fields.Char(required=True, translate=True)
    code = fields.Char("Country Code", size=2, required=True, help="ISO 3166-1 alpha-2")
    currency_id = fields.Many2one("res.currency", "Currency")
    phone_code = fields.Integer("Country Calling Code")
