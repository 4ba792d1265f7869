"""ir.sequence: numbering (``SO0042``) with prefix, suffix, padding and date placeholders.

Drawing a number is one ``UPDATE ... RETURNING`` on the sequence row: the row
lock makes concurrent transactions on PostgreSQL wait for each other, so two
transactions never get the same number (a rolled-back transaction may leave a
gap, as with any database sequence).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import update

from nexa.exceptions import UserError
from nexa.orm import Model, api, fields


class Sequence(Model):
    _name = "ir.sequence"
    _description = "Sequence"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char("Sequence Code", index=True)
    active = fields.Boolean(default=True)
    prefix = fields.Char(help="Placeholders: %(year)s %(y)s %(month)s %(day)s %(doy)s %(woy)s %(weekday)s "
                              "%(h24)s %(min)s %(sec)s", trim=False)
    suffix = fields.Char(trim=False)
    padding = fields.Integer("Sequence Size", default=0, required=True)
    number_next = fields.Integer("Next Number", default=1, required=True)
    number_increment = fields.Integer("Step", default=1, required=True)
    company_id = fields.Many2one("res.company")

    @staticmethod
    def _placeholders(when: dt.datetime) -> dict[str, str]:
        return {"year": when.strftime("%Y"), "y": when.strftime("%y"), "month": when.strftime("%m"),
                "day": when.strftime("%d"), "doy": when.strftime("%j"), "woy": when.strftime("%W"),
                "weekday": when.strftime("%w"), "h24": when.strftime("%H"), "min": when.strftime("%M"),
                "sec": when.strftime("%S")}

    def _interpolate(self, text: str | bool, when: dt.datetime) -> str:
        if not text:
            return ""
        try:
            return text % self._placeholders(when)
        except (KeyError, ValueError) as error:
            raise UserError(f"Invalid placeholder in sequence {self.name!r}: {text!r} ({error})",
                            model=self._name, value=text) from None

    def _draw(self) -> int:
        """Reserve the next number of this sequence (row-locked, concurrency safe)."""
        self.ensure_one()
        table = self._table_obj
        statement = (update(table).where(table.c.id == self.id)
                     .values(number_next=table.c.number_next + table.c.number_increment)
                     .returning(table.c.number_next - table.c.number_increment))
        number = self.env.transaction.execute(statement).scalar_one()
        self.env.cache.invalidate_field(self._fields["number_next"], self._ids)
        return int(number)

    def next_by_id(self, when: dt.datetime | None = None) -> str:
        """The next formatted number of this sequence."""
        self.ensure_one()
        when = when or dt.datetime.now()
        number = self._draw()
        return f"{self._interpolate(self.prefix, when)}{number:0{self.padding}d}{self._interpolate(self.suffix, when)}"

    @api.model
    def next_by_code(self, code: str, when: Any = None) -> str | bool:
        """The next number of the sequence with ``code`` (False when there is none)."""
        sequence = self.sudo().search([("code", "=", code)], limit=1)
        if not sequence:
            return False
        return sequence.next_by_id(when)
