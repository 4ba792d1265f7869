"""res.lang: the languages users can work in, and the ones translated fields are kept in.

A translated field (``translate=True``) stores one text per language: English
(``en_US``) is the source every other language falls back to, so it cannot be
archived. ``get_installed`` lists the active languages, as Odoo's translation
dialog asks for them.
"""

from __future__ import annotations

from typing import Any

from nexa.exceptions import ValidationError, did_you_mean
from nexa.orm import Model, api, fields

FALLBACK = "en_US"


class Lang(Model):
    _name = "res.lang"
    _description = "Language"
    _order = "active desc, name"
    _sql_constraints = [("code_uniq", "unique (code)", "The language code must be unique.")]

    name = fields.Char(required=True)
    code = fields.Char("Locale Code", required=True, help="e.g. en_US, fr_FR")
    iso_code = fields.Char("ISO code")
    active = fields.Boolean()
    direction = fields.Selection([("ltr", "Left-to-Right"), ("rtl", "Right-to-Left")], default="ltr",
                                 required=True)
    date_format = fields.Char(default="%m/%d/%Y", required=True)
    time_format = fields.Char(default="%H:%M:%S", required=True)
    decimal_point = fields.Char(default=".", required=True, trim=False)
    thousands_sep = fields.Char(default=",", trim=False)

    @api.constrains("active")
    def _check_fallback_active(self) -> None:
        for lang in self:
            if lang.code == FALLBACK and not lang.active:
                raise ValidationError(f"{lang.name} ({FALLBACK}) cannot be archived: translated fields fall back "
                                      "to it when a text has no translation")

    @api.model
    def get_installed(self) -> list[tuple[str, str]]:
        """``[(code, name)]`` of the active languages, by name."""
        languages = self.sudo().search([("active", "=", True)], order="name")
        return [(lang.code, lang.name) for lang in languages]

    @api.model
    def _lang_get(self, code: str) -> Any:
        """The language with ``code`` (archived ones included), or an empty recordset."""
        return self.sudo().with_context(active_test=False).search([("code", "=", code)], limit=1)

    @api.model
    def _activate_lang(self, code: str) -> Any:
        """Activate the language ``code`` (so users and translations can use it) and return it."""
        lang = self._lang_get(code)
        if not lang:
            known = [row.code for row in self.sudo().with_context(active_test=False).search([])]
            hint = did_you_mean(code, known)
            raise ValidationError(f"Unknown language code {code!r}{hint}", model=self._name, field="code",
                                  value=code)
        if not lang.active:
            lang.write({"active": True})
        return lang
