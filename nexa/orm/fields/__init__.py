"""Field types. Addons use them as ``from nexa.orm import fields`` then ``fields.Char(...)``.

Each family lives in its own module; :mod:`nexa.orm.fields.base` documents the
protocol they share.
"""

from nexa.orm.fields.base import COMMON_OPTIONS, OPERATORS, Field
from nexa.orm.fields.binary import Binary, Image
from nexa.orm.fields.boolean import Boolean
from nexa.orm.fields.json import Json
from nexa.orm.fields.numeric import Float, Integer, Monetary
from nexa.orm.fields.reference import Reference
from nexa.orm.fields.relational import Many2one, RelationalField
from nexa.orm.fields.selection import Selection
from nexa.orm.fields.special import Id
from nexa.orm.fields.temporal import Date, Datetime
from nexa.orm.fields.text import Char, Html, Text
from nexa.orm.fields.x2many import Many2many, One2many, X2many

__all__ = [
    "COMMON_OPTIONS", "OPERATORS", "Binary", "Boolean", "Char", "Date", "Datetime", "Field", "Float",
    "Html", "Id", "Image", "Integer", "Json", "Many2many", "Many2one", "Monetary", "One2many", "Reference",
    "RelationalField", "Selection", "Text", "X2many",
]
