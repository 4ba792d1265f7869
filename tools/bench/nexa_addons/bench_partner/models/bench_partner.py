from nexa.orm import Model, fields


class BenchPartner(Model):
    _name = "bench.partner"
    _description = "Benchmark partner"

    name = fields.Char(required=True)
    email = fields.Char(required=True, index=True)
    phone = fields.Char()
    is_company = fields.Boolean()
    country = fields.Many2one("bench.country")
