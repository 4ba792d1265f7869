"""test.mixin.noisy: an abstract mixin giving a ``noise`` field and a method using it."""

from __future__ import annotations

from nexa.orm import AbstractModel, fields


class NoisyMixin(AbstractModel):
    _name = "test.mixin.noisy"
    _description = "Noisy Mixin"

    noise = fields.Char(default="...")

    def make_noise(self) -> str:
        """The noise of the record, shouted."""
        self.ensure_one()
        return (self.noise or "").upper()
