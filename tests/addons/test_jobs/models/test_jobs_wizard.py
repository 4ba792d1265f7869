"""test.jobs.wizard: transient records for the vacuum tests."""

from nexa.orm import TransientModel, fields


class Wizard(TransientModel):
    _name = "test.jobs.wizard"
    _description = "Job Test Wizard"
    _transient_max_hours = 2.0
    _transient_max_count = 3

    name = fields.Char()
