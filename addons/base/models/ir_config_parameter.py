"""ir.config_parameter: database-wide settings as key/value pairs."""

from __future__ import annotations

from typing import Any

from nexa.orm import Model, api, fields


class ConfigParameter(Model):
    _name = "ir.config_parameter"
    _description = "System Parameter"
    _rec_name = "key"
    _order = "key"
    _sql_constraints = [("key_uniq", "unique (key)", "Each parameter key is set once.")]

    key = fields.Char(required=True, index=True)
    value = fields.Text(required=True)

    @api.model
    def get_param(self, key: str, default: Any = False) -> Any:
        """The value of ``key``, or ``default`` when it is not set."""
        found = self.sudo()._search([("key", "=", key)], limit=1)
        return found.value if found else default

    @api.model
    def set_param(self, key: str, value: Any) -> bool:
        """Set (or, with a false value, remove) ``key``."""
        found = self.sudo()._search([("key", "=", key)], limit=1)
        if value is False or value is None:
            found.unlink()
        elif found:
            found.write({"value": str(value)})
        else:
            self.sudo().create({"key": key, "value": str(value)})
        return True
