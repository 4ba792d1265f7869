"""res.users: the people who log in. Each user is also a contact (delegation to res.partner).

Passwords are never stored nor returned in clear: writing ``password`` hashes
it into ``password_hash`` (an internal field: no RPC path can read it), and
``password`` always reads empty (False, as every empty Char).

A user has one *user type*: internal (``base.group_user``), portal
(``base.group_portal``) or public (``base.group_public``). The three groups form
the exclusive category ``base.module_category_user_type``: ``user_type`` reads
and sets it, and a user holding two of them (implied groups included) is refused.
"""

from __future__ import annotations

from typing import Any

from nexa.exceptions import ValidationError
from nexa.orm import Model, api, fields
from nexa.security.passwords import hash_password, needs_rehash, verify_password

#: The group of each user type, as ``user_type`` names them.
USER_TYPE_GROUPS = {"internal": "base.group_user", "portal": "base.group_portal", "public": "base.group_public"}


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
    _inherit = ["ir.security.mixin"]
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
    user_type = fields.Selection([("internal", "Internal User"), ("portal", "Portal"), ("public", "Public")],
                                 "User Type", compute="_compute_user_type", inverse="_set_user_type",
                                 search="_search_user_type",
                                 help="Internal users work in the back office; portal users see their own "
                                      "documents only; public is the anonymous website visitor")
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
            user.share = not internal or internal.id not in user.sudo().groups_id.implied_closure()._ids

    @api.depends("groups_id")
    def _compute_user_type(self) -> None:
        groups = self._user_type_group_ids()
        for user in self:
            mine = set(user.sudo().groups_id.implied_closure()._ids)
            user.user_type = next((kind for kind, group_id in groups.items() if group_id in mine), False)

    def _set_user_type(self) -> None:
        groups = self._user_type_group_ids()
        for user in self:
            kind = self.env.cache.get(self._fields["user_type"], user.id, None)
            if kind not in groups:
                raise ValidationError(f"Unknown user type {kind!r} for user {user.login!r}: use one of "
                                      f"{sorted(groups)}", model=self._name, field="user_type", value=kind)
            others = [group_id for other, group_id in groups.items() if other != kind]
            user.write({"groups_id": [(3, group_id) for group_id in others] + [(4, groups[kind])]})

    def _search_user_type(self, operator: str, value: object) -> list:
        if operator not in ("=", "!=", "in", "not in"):
            raise ValidationError(f"Operator {operator!r} cannot search res.users.user_type: use = or in",
                                  model=self._name, field="user_type", value=operator)
        groups = self._user_type_group_ids()
        wanted = {value} if isinstance(value, str) else set(value or [])
        targets = {groups[kind] for kind in wanted if kind in groups}
        implying = [group.id for group in self.env["res.groups"].sudo().search([])
                    if targets & set(group.implied_closure()._ids)]
        return [("groups_id", "in" if operator in ("=", "in") else "not in", implying)]

    def _user_type_group_ids(self) -> dict[str, int]:
        """``{"internal": id, ...}`` for the user-type groups that exist in this database."""
        found = {}
        for kind, xmlid in USER_TYPE_GROUPS.items():
            group = self.env.ref(xmlid, raise_if_not_found=False)
            if group:
                found[kind] = group.id
        return found

    @api.constrains("groups_id")
    def _check_exclusive_groups(self) -> None:
        """Refuse users holding two groups of an exclusive category (e.g. internal and portal)."""
        for user in self.sudo():
            mine = user.groups_id.implied_closure()
            by_category: dict[int, list] = {}
            for group in mine:
                if group.category_id.exclusive:
                    by_category.setdefault(group.category_id.id, []).append(group)
            for groups in by_category.values():
                if len(groups) > 1:
                    names = ", ".join(sorted(group.name for group in groups))
                    raise ValidationError(
                        f"User {user.login!r} cannot belong to several groups of the exclusive category "
                        f"{groups[0].category_id.name!r} ({names}): keep one (for user types, set user_type)",
                        model=self._name, field="groups_id", record_ids=[user.id])

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
