"""Two-factor login for res.users: a TOTP secret (RFC 6238) and single-use recovery codes.

A user turns it on in two steps, both on their own record: ``totp_enable_begin``
(with their password, as an identity check) returns a fresh secret and its
``otpauth://`` URI for the authenticator app; ``totp_enable_confirm`` with a code
from the app stores the secret and returns ten recovery codes, shown once.

Once enabled, a browser login asks for a code after the password (see
:mod:`nexa.http.twofactor`), and the external API no longer accepts the
password: scripts use an API key. Secrets and recovery-code hashes are internal
fields, never readable over RPC. Each accepted code's time step is remembered, so
a code seen over a shoulder cannot be replayed; a recovery code works once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, update

from nexa.exceptions import AccessDenied, AccessError, UserError
from nexa.orm import Model, api, fields
from nexa.security.totp import (
    hash_recovery_code,
    match_totp,
    new_recovery_codes,
    new_secret,
    provisioning_uri,
    verify_recovery_code,
)

ISSUER = "Nexa"


class UsersTotp(Model):
    _inherit = "res.users"

    totp_secret = fields.Char(internal=True, copy=False)
    totp_pending_secret = fields.Char(internal=True, copy=False)
    totp_last_step = fields.Integer(internal=True, copy=False)
    totp_recovery_hashes = fields.Json(internal=True, copy=False)
    totp_enabled = fields.Boolean("Two-Factor Authentication", compute="_compute_totp_enabled", store=True,
                                  copy=False, help="A code from an authenticator app is asked after the password")

    @api.depends("totp_secret")
    def _compute_totp_enabled(self) -> None:
        for user in self:
            user.totp_enabled = bool(user.sudo().totp_secret)

    # -- enrolment, by the user themselves --------------------------------------------------------
    def totp_enable_begin(self, password: str) -> dict[str, str]:
        """Check the password, then return a new ``secret`` and its ``uri`` for the authenticator app."""
        user = self._totp_own_user()
        if not isinstance(password, str) or not user._check_password(password):
            raise AccessDenied("Wrong password: two-factor authentication was not changed")
        secret = new_secret()
        user.sudo().write({"totp_pending_secret": secret})
        issuer = (user.sudo().company_id.name or ISSUER).replace(":", " ")
        return {"secret": secret, "uri": provisioning_uri(secret, account=user.login.replace(":", " "),
                                                          issuer=issuer)}

    def totp_enable_confirm(self, code: str) -> list[str]:
        """Turn two-factor login on with a first ``code`` from the app; returns the recovery codes (once)."""
        user = self._totp_own_user()
        pending = user.sudo().totp_pending_secret
        if not pending:
            raise UserError(f"No two-factor set-up in progress for {user.login!r}: call totp_enable_begin first",
                            model=self._name)
        step = match_totp(pending, str(code or ""))
        if step is None:
            raise UserError("Wrong code: check the time of your device and type the current code again",
                            model=self._name)
        codes = new_recovery_codes()
        user.sudo().write({"totp_secret": pending, "totp_pending_secret": False, "totp_last_step": step,
                           "totp_recovery_hashes": [hash_recovery_code(c) for c in codes]})
        return codes

    def totp_new_recovery_codes(self, code: str) -> list[str]:
        """Replace the recovery codes (the old ones stop working); needs a current code."""
        user = self._totp_own_user()
        if not user._totp_check_code(code):
            raise AccessDenied("Wrong two-factor code: recovery codes were not changed")
        codes = new_recovery_codes()
        user.sudo().write({"totp_recovery_hashes": [hash_recovery_code(c) for c in codes]})
        return codes

    def totp_disable(self, code: str | None = None) -> bool:
        """Turn two-factor login off: your own with a current code; others' if you manage access rights."""
        manager = self.env.su or self.env.user.has_group("base.group_erp_manager")
        for user in self:
            if user.id == self.env.uid and not self.env.su:
                if not user._totp_check_code(code):
                    raise AccessDenied("Wrong two-factor code: two-factor authentication stays on")
            elif not manager:
                raise AccessError(f"Only administrators may turn off the two-factor login of another user "
                                  f"(res.users {user.id})", model=self._name, record_ids=[user.id])
        self.sudo().write({"totp_secret": False, "totp_pending_secret": False, "totp_last_step": 0,
                           "totp_recovery_hashes": False})
        return True

    # -- checks used by the login ---------------------------------------------------------------
    def _totp_own_user(self) -> Any:
        """This record, which must be the current user (2FA is set by its owner only)."""
        if len(self) != 1 or self.id != self.env.uid:
            raise AccessError("Two-factor authentication can only be set up by the user themselves, on their "
                              "own record", model=self._name, record_ids=list(self._ids))
        return self

    def _totp_check_code(self, code: Any) -> bool:
        """Accept a TOTP code newer than the last one accepted, or an unused recovery code (used up)."""
        self.ensure_one()
        user = self.sudo()
        secret = user.totp_secret
        if not secret or not isinstance(code, str) or not code.strip():
            return False
        step = match_totp(secret, code)
        if step is not None:
            return self._totp_claim_step(step)
        hashes = list(user.totp_recovery_hashes or [])
        for stored in hashes:
            if verify_recovery_code(code, stored):
                hashes.remove(stored)
                user.write({"totp_recovery_hashes": hashes})
                return True
        return False

    def _totp_claim_step(self, step: int) -> bool:
        """Record ``step`` as used, atomically: False when it (or a later one) was used already."""
        table = self._table_obj
        column = table.c.totp_last_step
        claimed = self.env.transaction.execute(
            update(table).where(table.c.id == self.id, or_(column.is_(None), column < step))
            .values(totp_last_step=step)).rowcount
        self.env.cache.invalidate_field(self._fields["totp_last_step"], self._ids)
        return claimed == 1
