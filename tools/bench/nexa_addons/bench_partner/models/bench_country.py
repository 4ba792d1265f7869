from nexa.orm import Model, fields


class BenchCountry(Model):
    _name = "bench.country"
    _description = "Benchmark country"

    code = fields.Char(required=True, size=2)
    name = fields.Char(required=True)
