"""res.users.apikeys: API keys users create to use the external API instead of their password.

The key is shown once, when created (``generate`` over RPC, with the owner's
password as an identity check; ``_generate`` in server code); only its
8-character index and a hash are stored. Over RPC a key is accepted wherever the
password is, and it is the only credential the external API accepts from a user
with two-factor login. Record rules (``security/base_security.xml``) let users
see and revoke their own keys only; administrators see every key to revoke it.
"""

from __future__ import annotations

import datetime as dt

from nexa.exceptions import AccessDenied, AccessError
from nexa.orm import Model, api, fields
from nexa.security.apikeys import generate_key, key_index, verify_key


class ApiKey(Model):
    _name = "res.users.apikeys"
    _description = "API Key"
    _order = "id desc"
    _audit = True

    name = fields.Char("Description", required=True)
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    scope = fields.Char(help="Empty: usable for every RPC call")
    index = fields.Char(size=8, index=True, internal=True)
    key_hash = fields.Char(internal=True)
    expiration_date = fields.Datetime(help="Empty: never expires")

    @api.model
    def _generate(self, name: str, *, user_id: int | None = None,
                  expiration_date: dt.datetime | None = None) -> str:
        """Create a key for the current user (or ``user_id`` in sudo) and return it in clear, once."""
        owner = user_id or self.env.uid
        if owner != self.env.uid and not self.env.su:
            raise AccessError("You can only create API keys for yourself", model=self._name)
        key, index, hashed = generate_key()
        self.sudo().create({"name": name, "user_id": owner, "index": index, "key_hash": hashed,
                            "expiration_date": expiration_date})
        return key

    @api.model
    def generate(self, name: str, password: str, expiration_date: str | None = None) -> str:
        """Create a key for yourself, confirming your password; returns the key (shown only now)."""
        if not isinstance(name, str) or not name.strip():
            raise AccessError("Give the API key a description (what uses it)", model=self._name)
        if not isinstance(password, str) or not self.env.user._check_password(password):
            raise AccessDenied("Wrong password: no API key was created")
        expiry = self._fields["expiration_date"].to_cache(expiration_date or None, self.env)
        return self._generate(name.strip(), expiration_date=expiry)

    @api.model
    def _check_key(self, key: str) -> int | None:
        """The id of the active user owning ``key`` (a valid, unexpired key), or None."""
        if not isinstance(key, str) or len(key) < 8:
            return None
        now = fields.Datetime.now()
        candidates = self.sudo().search([("index", "=", key_index(key))])
        for candidate in candidates:
            if candidate.expiration_date and candidate.expiration_date < now:
                continue
            if verify_key(key, candidate.key_hash) and candidate.user_id.active:
                return candidate.user_id.id
        return None

    def revoke(self) -> bool:
        """Delete the keys (their owner, or an administrator, may do so)."""
        for key in self:
            if key.sudo().user_id.id != self.env.uid and not self.env.su and \
                    not self.env.user.has_group("base.group_erp_manager"):
                raise AccessError("You can only revoke your own API keys", model=self._name)
        self.sudo().unlink()
        return True
