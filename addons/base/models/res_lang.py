"""res.lang: the languages users can work in."""

from nexa.orm import Model, fields


class Lang(Model):
    _name = "res.lang"
    _description = "Language"
    _order = "active desc, name"
    _sql_constraints = [("code_uniq", "unique (code)", "The language code must be unique.")]

    name = fields.Char(required=True)
    code = fields.Char("Locale Code", required=True, help="e.g. en_US, fr_FR")
    iso_code = fields.Char("ISO code")
    active = fields.Boolean()
    direction = fields.Selection([("ltr", "Left-to-Right"), ("rtl", "Right-to-Left")], default="ltr",
                                 required=True)
    date_format = fields.Char(default="%m/%d/%Y", required=True)
    time_format = fields.Char(default="%H:%M:%S", required=True)
    decimal_point = fields.Char(default=".", required=True, trim=False)
    thousands_sep = fields.Char(default=",", trim=False)
