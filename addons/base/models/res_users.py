"""res.users: the people who log in. Each user is also a contact (delegation to res.partner).

Passwords are never stored nor returned in clear: writing ``password`` hashes
it into ``password_hash`` (an internal field: no RPC path can read it), and
``password`` always reads empty (False, as every empty Char).
"""

from __future__ import annotations

from typing import Any

from nexa.orm import Model, api, fields
from nexa.security.passwords import hash_password, needs_rehash, verify_password


def _default_groups(model: Any) -> list:
    group = model.env.ref("base.group_user", raise_if_not_found=False)
    return [(6, 0, [group.id])] if group else []


def _default_company(model: Any) -> Any:
    return model.env.ref("base.main_company", raise_if_not_found=False) or model.env["res.company"].search(
        [], limit=1)


class Users(Model):
    _name = "res.users"
    _description = "User"
    _inherits = {"res.partner": "partner_id"}
    _order = "login"
    _rec_name = "name"
    _rec_names_search = ["name", "login"]
    _sql_constraints = [("login_key", "unique (login)", "Another user already has this login.")]

    partner_id = fields.Many2one("res.partner", "Related Partner", required=True, ondelete="restrict",
                                 delegate=True)
    login = fields.Char(required=True, help="Used to log in")
    password = fields.Char(compute="_compute_password", inverse="_set_password", copy=False,
                           help="Write a new password here; reading it always gives nothing")
    password_hash = fields.Char(internal=True, copy=False)
    active = fields.Boolean(default=True)
    share = fields.Boolean("Share User", compute="_compute_share", store=True,
                           help="Portal and public users are not internal users")
    company_id = fields.Many2one("res.company", "Company", required=True, default=_default_company)
    company_ids = fields.Many2many("res.company", "res_company_users_rel", "user_id", "cid", "Companies",
                                   default=lambda self: [(6, 0, [c.id]) for c in [_default_company(self)] if c])
    groups_id = fields.Many2many("res.groups", "res_groups_users_rel", "uid", "gid", "Groups",
                                 default=_default_groups)
    signature = fields.Html()

    def _compute_password(self) -> None:
        for user in self:
            user.password = ""

    def _set_password(self) -> None:
        field = self._fields["password"]
        for user in self:
            clear = self.env.cache.get(field, user.id, "")
            if clear:
                user.sudo().write({"password_hash": hash_password(clear)})
        self.env.cache.invalidate_field(field, self._ids)

    @api.depends("groups_id")
    def _compute_share(self) -> None:
        internal = self.env.ref("base.group_user", raise_if_not_found=False)
        for user in self:
            user.share = not internal or internal not in user.groups_id

    @api.model
    def _authenticate(self, login: str, password: str) -> int | None:
        """The id of the active user with this login and password, or None."""
        if not login or not password:
            return None
        user = self.sudo().search([("login", "=", login)], limit=1)
        if not user or not user._check_password(password):
            return None
        return user.id

    def _check_password(self, password: str) -> bool:
        """Verify a clear password; upgrade its hash when the hashing parameters changed."""
        self.ensure_one()
        stored = self.sudo().password_hash
        if not stored or not verify_password(password, stored):
            return False
        if needs_rehash(stored):
            self.sudo().write({"password_hash": hash_password(password)})
        return True

    @api.model
    def context_get(self) -> dict[str, Any]:
        """The user's context (language, timezone), as clients ask for it after login."""
        user = self.env.user
        return {"lang": user.lang or "en_US", "tz": user.tz or False, "uid": user.id}

    def has_group(self, group_xmlid: str) -> bool:
        """True when the user (the current one for an empty recordset) is in the group."""
        from nexa.security.access import group_ids_of_xmlids, user_group_ids

        uid = self.id if self else self.env.uid
        return bool(group_ids_of_xmlids(self.env, group_xmlid) & user_group_ids(self.env, uid))
