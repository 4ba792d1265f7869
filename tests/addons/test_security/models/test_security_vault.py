"""test.security.vault: a model without any access right: only superuser code reaches it."""

from nexa.orm import Model, fields


class Vault(Model):
    _name = "test.security.vault"
    _description = "Security Vault"

    name = fields.Char()
