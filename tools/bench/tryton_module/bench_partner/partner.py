"""``bench.partner``: the flat partner of the benchmark, the same shape as the raw table.

``email`` is required because Tryton compares a non-required Char as ``COALESCE(col, '') = ?``,
which no plain index serves (see /work/shared/bench/WORKLOAD.md); with ``required=True`` the
equality index below answers W2b.
"""

from trytond.model import Index, ModelSQL, ModelView, fields


class Partner(ModelSQL, ModelView):
    "Benchmark Partner"
    __name__ = 'bench.partner'

    name = fields.Char("Name", required=True)
    email = fields.Char("Email", required=True)
    phone = fields.Char("Phone")
    is_company = fields.Boolean("Is Company")
    country = fields.Many2One('country.country', "Country")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        table = cls.__table__()
        cls._sql_indexes.add(Index(table, (table.email, Index.Equality(cardinality='high'))))
