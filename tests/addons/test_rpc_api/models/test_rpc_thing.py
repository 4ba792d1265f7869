"""test.rpc.thing: what a custom addon exposes over RPC, public and private methods alike.

* ``ping`` (model-level) and ``bump`` (record-level) are the custom public methods
  every client must reach;
* ``whoami`` reports the identity and context the call really ran with, so tests
  see what became of the ``uid``, ``lang``, ``tz`` and ``allowed_company_ids``
  a client sent;
* ``rename_then_fail`` writes, creates, then raises: nothing of it may survive;
* ``_secret`` and ``hidden`` (``@api.private``) must stay out of reach.
"""

from __future__ import annotations

from typing import Any

from nexa.exceptions import UserError
from nexa.orm import Model, api, fields


class Thing(Model):
    _name = "test.rpc.thing"
    _description = "RPC Thing"
    _order = "name, id"

    name = fields.Char(required=True)
    value = fields.Integer()
    partner_id = fields.Many2one("res.partner", "Partner", ondelete="set null")
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    @api.model
    def ping(self, text: str = "pong") -> dict[str, Any]:
        """A public model method: echoes its argument and the number of things."""
        return {"echo": text, "count": self.search_count([])}

    @api.model
    def whoami(self) -> dict[str, Any]:
        """The user, language, timezone and companies this call ran with."""
        env = self.env
        return {"uid": env.uid, "lang": env.lang, "tz": env.context.get("tz") or False,
                "company_id": env.company.id, "company_ids": list(env.companies.ids)}

    def bump(self, step: int = 1) -> list[int]:
        """A public record method: adds ``step`` to each value; returns the new values."""
        for thing in self:
            thing.value += step
        return [thing.value for thing in self]

    def rename_then_fail(self, name: str) -> bool:
        """Write and create, then fail: the call's transaction must roll all of it back."""
        self.write({"name": name})
        self.create({"name": f"{name} (side effect)"})
        raise UserError(f"{self._name}: refusing after renaming to {name!r} (test of rollback)", model=self._name)

    def _secret(self) -> str:
        return "private"

    @api.private
    def hidden(self) -> str:
        return "hidden"
