"""test.jobs.note: a note whose methods jobs and crons call."""

from nexa.exceptions import UserError
from nexa.orm import Model, api, fields


class Note(Model):
    _name = "test.jobs.note"
    _description = "Job Test Note"

    name = fields.Char(required=True)
    body = fields.Text(default="")
    owner_id = fields.Many2one("res.users", "Owner", default=lambda self: self.env.uid)
    ran_as = fields.Char(help="uid and superuser flag of the last call, e.g. '7 su'")

    def append(self, text: str, *, times: int = 1) -> bool:
        for note in self:
            note.write({"body": (note.body or "") + text * times,
                        "ran_as": f"{self.env.uid}{' su' if self.env.su else ''}"})
        return True

    def explode(self, message: str) -> None:
        """Write, then fail: the write must be rolled back."""
        self.write({"body": "half-done"})
        raise UserError(f"explode: {message}")

    @api.model
    def tick(self, name: str = "tick") -> None:
        """What the test cron calls: one more note."""
        self.create({"name": name})

    @api.model
    def tick_and_fail(self) -> None:
        self.create({"name": "never"})
        raise UserError("the cron failed on purpose")
