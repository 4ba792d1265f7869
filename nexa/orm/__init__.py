"""The ORM addons build on. Import from here::

    from nexa.orm import Model, api, fields

    class Partner(Model):
        _name = "res.partner"
        _description = "Contact"

        name = fields.Char(required=True)
        country_id = fields.Many2one("res.country")

        @api.depends("name")
        def _compute_display_name(self):
            for partner in self:
                partner.display_name = partner.name.upper()
"""

from nexa.orm import api, fields
from nexa.orm.commands import Command
from nexa.orm.env import SUPERUSER_ID, Environment
from nexa.orm.models import AbstractModel, BaseModel, Model, TransientModel

__all__ = ["SUPERUSER_ID", "AbstractModel", "BaseModel", "Command", "Environment", "Model", "TransientModel",
           "api", "fields"]
