"""The three kinds of model, and how an addon's classes become *definitions*.

Addons write model **definitions**: Python classes deriving from
:class:`Model`, :class:`AbstractModel` or :class:`TransientModel`, with field
attributes and methods::

    class Partner(Model):
        _name = "res.partner"
        name = fields.Char(required=True)

Importing an addon only *tags* its definitions (a creation counter keeps their
order); nothing is registered globally. The registry later composes, per
database, one **model class** per model name out of every installed addon's
definitions (see :mod:`nexa.orm.registry`). Recordsets are instances of model
classes, never of definitions.
"""

from __future__ import annotations

import itertools
from typing import Any, ClassVar

from nexa.orm import fields
from nexa.orm.access import AccessMixin
from nexa.orm.crud import CrudMixin
from nexa.orm.display import DisplayMixin
from nexa.orm.grouping import GroupingMixin
from nexa.orm.hierarchy import HierarchyMixin
from nexa.orm.introspection import IntrospectionMixin
from nexa.orm.onchange import OnchangeMixin
from nexa.orm.read import ReadMixin
from nexa.orm.recordset import RecordsetMixin
from nexa.orm.search import SearchMixin
from nexa.orm.translation import TranslationMixin
from nexa.orm.views_api import ViewsMixin


class DefinitionMeta(type):
    """Numbers each class as it is created, so definitions keep the order they were written in."""

    _counter = itertools.count()

    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any], **kwargs: Any) -> type:
        cls = super().__new__(mcs, name, bases, attrs, **kwargs)
        cls._definition_order = next(mcs._counter)
        return cls


class BaseModel(RecordsetMixin, ReadMixin, SearchMixin, CrudMixin, DisplayMixin, IntrospectionMixin,
                AccessMixin, ViewsMixin, GroupingMixin, OnchangeMixin, TranslationMixin, HierarchyMixin,
                metaclass=DefinitionMeta):
    """What every model has. Do not subclass directly: use Model, AbstractModel or TransientModel."""

    # -- declared by definitions -----------------------------------------------------------
    _name: ClassVar[str | None] = None  # the model name, e.g. "res.partner"
    _inherit: ClassVar[str | list[str] | tuple[str, ...]] = ()  # models extended or used as prototypes
    _inherits: ClassVar[dict[str, str]] = {}  # delegation: {"res.partner": "partner_id"}
    _description: ClassVar[str | None] = None  # human name of the model
    _table: ClassVar[str | None] = None  # table name (default: _name with dots as underscores)
    _order: ClassVar[str] = "id"  # default order of searches
    _rec_name: ClassVar[str | None] = None  # field giving display_name (default: "name" if any)
    _rec_names_search: ClassVar[list[str] | None] = None  # fields name_search looks in
    _auto: ClassVar[bool] = True  # create a table
    _abstract: ClassVar[bool] = True  # no table, no records (mixins)
    _transient: ClassVar[bool] = False  # wizard data, vacuumed
    _log_access: ClassVar[bool] = True  # create_uid/create_date/write_uid/write_date
    _parent_name: ClassVar[str] = "parent_id"  # the many2one of a hierarchy
    _parent_store: ClassVar[bool] = False  # maintain parent_path for fast child_of
    _sql_constraints: ClassVar[list[tuple[str, str, str]]] = []  # (key, definition, message)
    _check_company_auto: ClassVar[bool] = False  # check company consistency of relations
    _audit: ClassVar[bool] = False  # record every change in the audit log

    # -- set on model classes by the registry ----------------------------------------------
    _fields: ClassVar[dict[str, fields.Field]] = {}
    _registry: ClassVar[Any] = None
    _composed: ClassVar[bool] = False
    _addons: ClassVar[tuple[str, ...]] = ()

    id = fields.Id()
    display_name = fields.Char(string="Display Name", compute="_compute_display_name", search="_search_display_name")


class AbstractModel(BaseModel):
    """A mixin: fields and methods other models inherit, without a table of its own."""

    _abstract = True


class Model(BaseModel):
    """A regular model stored in a table."""

    _abstract = False


class TransientModel(Model):
    """Wizard data: stored in a table, deleted by the auto-vacuum (see :mod:`nexa.orm.vacuum`).

    Records last written more than ``_transient_max_hours`` ago are deleted (``None``: the
    ``transient_age_limit`` option, 1 hour by default; 0 keeps them); with ``_transient_max_count``
    above 0, the oldest records beyond that count are deleted too (those written in the last
    5 minutes excepted: a user may be filling them in).
    """

    _transient = True
    _transient_max_hours: ClassVar[float | None] = None
    _transient_max_count: ClassVar[int] = 0


def is_definition(obj: Any) -> bool:
    """True for a class an addon wrote to declare or extend a model."""
    return (isinstance(obj, type) and issubclass(obj, BaseModel) and not obj.__dict__.get("_composed")
            and ("_name" in obj.__dict__ or "_inherit" in obj.__dict__))
