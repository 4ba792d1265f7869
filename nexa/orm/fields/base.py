"""The field protocol every field type implements.

A field is declared on a model *definition* (``name = fields.Char(required=True)``).
Declarations only record their options; when the registry composes a model
class it merges every declaration of the same name (an extension may redeclare a
field with a few changed options) into one fresh field object, bound to that
model class (:meth:`Field.bind`). The same definition therefore gives independent
field objects in two registries.

The protocol, documented once here and implemented per type:

========================  =====================================================
``column_type()``         SQLAlchemy type of the column, ``None`` when not stored
``to_cache(value, env)``  validate user input (create/write), return cache format
``to_column(value)``      cache format -> value bound into SQL
``from_column(value)``    value read from SQL -> cache format
``to_record(value, rec)`` cache format -> what ``record.field`` returns
``to_read(value, rec)``   cache format -> JSON-shaped value (``read``, RPC)
``column_reader()``       a function from a list of column values to their ``read`` values, when
                          neither step needs the record (``search_read`` then skips the cache)
``condition(col, op, v)`` a SQLAlchemy boolean expression for a domain leaf
========================  =====================================================

The *cache format* is the plain Python value kept in the record cache: ``None``
for empty, ``int`` ids for many2one, tuples of ids for x2many, ``date`` objects
for dates and so on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import String, cast, false, not_, or_, true
from sqlalchemy.sql import ColumnElement

from nexa.exceptions import DomainError, ModelDefinitionError, ValidationError, did_you_mean
from nexa.orm import fetch
from nexa.security.inputs import check_bound_value, check_comparable

if TYPE_CHECKING:
    from nexa.orm.env import Environment
    from nexa.orm.models import BaseModel

#: Options every field accepts, with their defaults.
COMMON_OPTIONS: dict[str, Any] = {
    "string": None,  # label shown to users; defaults to the name, titled
    "help": "",  # tooltip
    "required": False,  # NOT NULL in the database, checked on create and write
    "readonly": False,  # read-only in views (server code may still write it)
    "index": False,  # create a database index on the column
    "default": None,  # a value, or a callable taking the model (empty recordset)
    "copy": True,  # copied by ``copy()``
    "groups": None,  # comma-separated group xmlids allowed to see the field
    "compute": None,  # name of the method computing the field
    "inverse": None,  # name of the method writing a computed field back
    "search": None,  # name of the method turning a domain leaf into a domain
    "store": None,  # stored in a column; default True unless computed or related
    "related": None,  # dotted path, e.g. "partner_id.country_id"
    "translate": False,  # one value per language
    "company_dependent": False,  # one value per company, kept in ir.property (see nexa.security.company_values)
    "precompute": False,  # compute stored value before the INSERT
    "recursive": False,  # a computed field depending on itself through a parent
    "prefetch": True,  # fetched with the other columns when one is read
    "trim": True,  # char only: strip surrounding whitespace
    "internal": False,  # server-side only: never in fields_get, read or RPC (e.g. password hashes)
    "group_expand": None,  # read_group: name of a method giving every group to show (kanban columns)
}

#: Operators a domain leaf may use.
OPERATORS = (
    "=", "!=", "<>", "<", ">", "<=", ">=", "in", "not in", "like", "not like", "ilike",
    "not ilike", "=like", "=ilike", "child_of", "parent_of", "any", "not any",
)


class Field:
    """Base class of every field type. See the module docstring for the protocol."""

    type: ClassVar[str] = ""
    #: Options of this type beyond COMMON_OPTIONS, with their defaults.
    type_options: ClassVar[dict[str, Any]] = {}
    #: Names given to positional arguments, in order.
    positional: ClassVar[tuple[str, ...]] = ("string",)
    #: Whether values of this type are relational (many2one, one2many, many2many).
    relational: ClassVar[bool] = False
    #: Operators this type understands (subclasses narrow it).
    operators: ClassVar[frozenset[str]] = frozenset(OPERATORS) - {"child_of", "parent_of", "any", "not any"}

    _creation_counter: ClassVar[int] = 0
    #: Set by the registry on computed fields: 0 when the field reads no computed field, else one more
    #: than the deepest computed field it reads. Recomputation goes by increasing depth.
    compute_depth: int = 0

    def __init__(self, *args: Any, **options: Any) -> None:
        if len(args) > len(self.positional):
            raise TypeError(f"{type(self).__name__}() takes at most {len(self.positional)} positional "
                            f"arguments ({', '.join(self.positional)}), got {len(args)}")
        for name, value in zip(self.positional, args):
            if name in options:
                raise TypeError(f"{type(self).__name__}() got two values for {name!r}")
            options[name] = value
        self.args = options  # the declaration, as written
        Field._creation_counter += 1
        self._order = Field._creation_counter
        # set by bind()
        self.name = ""
        self.model_name = ""
        self.addon = ""
        for key, value in self.all_options().items():
            setattr(self, key, options.get(key, value))

    # -- declaration -----------------------------------------------------------------
    @classmethod
    def all_options(cls) -> dict[str, Any]:
        """Every option this type accepts, with its default."""
        return {**COMMON_OPTIONS, **cls.type_options}

    def check_options(self, model: str, name: str, addon: str) -> None:
        """Refuse options this field type does not know, suggesting the closest one."""
        known = self.all_options()
        for key in self.args:
            if key not in known:
                hint = did_you_mean(key, known)
                raise ModelDefinitionError(
                    f"Field {model}.{name} ({type(self).__name__}) has an unknown option {key!r}{hint}",
                    addon=addon, model=model, field=name)

    def merged_with(self, override: Field) -> Field:
        """A new field combining this declaration with a later one (an extension's)."""
        cls = type(override) if type(override) is not Field else type(self)
        args = {**self.args, **override.args} if isinstance(override, type(self)) else dict(override.args)
        merged = cls(**args)
        merged._order = self._order  # keep the position of the first declaration
        return merged

    def fresh_copy(self) -> Field:
        """An unbound copy of this declaration (one per composed model class)."""
        copy = type(self)(**self.args)
        copy._order = self._order
        return copy

    def bind(self, model_name: str, name: str, addon: str) -> None:
        """Attach this (fresh) field object to a composed model class."""
        self.name = name
        self.model_name = model_name
        self.addon = addon
        if self.string is None:
            self.string = name.replace("_id", "").replace("_", " ").strip().title() or name
        if self.company_dependent and not self.related:
            # values live in ir.property, per company (nexa.security.company_values); not copied by default
            self.store = False
            self.copy = self.args.get("copy", False)
        if self.store is None:
            self.store = not (self.compute or self.related)
        if self.related and not self.readonly and not self.args.get("readonly"):
            self.readonly = False

    # -- descriptor ------------------------------------------------------------------
    def __set_name__(self, owner: type, name: str) -> None:
        if not self.name:
            self.name = name

    def __get__(self, record: BaseModel | None, owner: type | None = None) -> Any:
        if record is None:
            return self
        if not record._ids:
            return self.empty_record_value(record)
        if len(record._ids) != 1:
            record.ensure_one()
        return self.to_record(fetch.get(record, self), record)

    def __set__(self, record: BaseModel, value: Any) -> None:
        fetch.assign(record, self, value)

    def empty_record_value(self, record: BaseModel) -> Any:
        """What reading the field on an empty recordset returns."""
        return False

    # -- the protocol ----------------------------------------------------------------
    @property
    def column_stored(self) -> bool:
        """True when the value lives in a column of the model's table."""
        return bool(self.store) and self.type not in ("one2many", "many2many")

    def column_type(self) -> Any:
        """The SQLAlchemy type of the column (None: this type has no column)."""
        raise NotImplementedError

    def to_cache(self, value: Any, env: Environment) -> Any:
        """Validate an input value and return it in cache format."""
        return value if value not in (None, False) else None

    def to_column(self, value: Any) -> Any:
        """Turn a cache value into the value bound in SQL."""
        return value

    def from_column(self, value: Any) -> Any:
        """Turn a value read from SQL into cache format."""
        return value

    def to_record(self, value: Any, record: BaseModel) -> Any:
        """What ``record.field`` returns for a cache value."""
        return False if value is None else value

    def to_read(self, value: Any, record: BaseModel) -> Any:
        """The JSON-shaped value ``read`` returns for a cache value."""
        return False if value is None else value

    def column_reader(self) -> Callable[[list[Any]], list[Any]] | None:
        """A function turning column values (as fetched) into the values ``read`` returns, or None.

        ``search_read`` converts whole columns with it, without records or the record cache
        (:mod:`nexa.orm.rows`). A type gives one only when ``from_column`` and ``to_read``
        ignore the record; None sends the field through the cache, one record at a time.
        """
        if self._converts_as(Field, Field):
            return empty_as_false
        return None

    def _converts_as(self, from_column_owner: type, to_read_owner: type) -> bool:
        """True when this field converts values with these classes' ``from_column`` and ``to_read``
        (a subclass overriding either may need the record: no column reader is inherited)."""
        kind = type(self)
        return kind.from_column is from_column_owner.from_column and kind.to_read is to_read_owner.to_read

    def _composed_reader(self) -> Callable[[list[Any]], list[Any]]:
        """``to_read(from_column(value))`` for each value, for types whose two steps ignore the record."""
        from_column, to_read = self.from_column, self.to_read
        return lambda values: [to_read(from_column(value), None) for value in values]

    def convert_default(self, value: Any, env: Environment) -> Any:
        """A default value as given in ``default_get``: the wire shape of ``value``."""
        return value

    # -- errors ----------------------------------------------------------------------
    def invalid(self, value: Any, expected: str) -> ValidationError:
        """The error for a value of the wrong type, naming model, field and value."""
        return ValidationError(
            f"Wrong value for {self.model_name}.{self.name}: {value!r} (expected {expected})",
            model=self.model_name, field=self.name, value=value)

    # -- domains ---------------------------------------------------------------------
    def check_operator(self, operator: str) -> None:
        """Refuse an operator this type does not support, naming field and operator."""
        if operator not in self.operators:
            raise DomainError(
                f"Operator {operator!r} is not supported on field {self.model_name}.{self.name} "
                f"({self.type}); use one of {', '.join(sorted(self.operators))}",
                model=self.model_name, field=self.name, value=operator)

    def check_searchable(self, env: Environment) -> None:
        """Refuse a domain or an order on a field the user may not read (its values would leak).

        The domain compiler calls it for every field of every path, whatever the field type.
        """
        if env.su or not (self.internal or self.groups):
            return
        from nexa.security.access import has_groups

        if self.internal or not has_groups(env, self.groups):
            from nexa.exceptions import AccessError

            raise AccessError(f"You may not search on field {self.model_name}.{self.name}: it is restricted "
                              f"to {'the server' if self.internal else 'the groups ' + str(self.groups)}",
                              model=self.model_name, field=self.name)

    def condition(self, column: ColumnElement, operator: str, value: Any, env: Environment) -> ColumnElement:
        """A boolean SQL expression for ``(self.name, operator, value)`` on ``column``."""
        self.check_operator(operator)
        if operator == "<>":
            operator = "!="
        if operator in ("in", "not in"):
            return self._condition_in(column, operator, value, env)
        if value is False or value is None:
            if operator == "=":
                return self.is_empty(column)
            if operator == "!=":
                return not_(self.is_empty(column))
        if operator in ("like", "not like", "ilike", "not ilike", "=like", "=ilike"):
            return self._condition_like(column, operator, value, env)
        bound = self.to_column(self.to_cache(value, env))
        check_comparable(self, bound)
        if operator == "=":
            return column == bound
        if operator == "!=":
            return or_(column != bound, column.is_(None))
        if bound is None:
            return false()  # ordering against an empty value (False, "") matches nothing, as SQL's NULL does
        comparisons: dict[str, Callable[[Any, Any], ColumnElement]] = {
            "<": lambda c, v: c < v, ">": lambda c, v: c > v,
            "<=": lambda c, v: c <= v, ">=": lambda c, v: c >= v,
        }
        return comparisons[operator](column, bound)

    def is_empty(self, column: ColumnElement) -> ColumnElement:
        """The SQL test for an empty value (NULL, and '' for text)."""
        return column.is_(None)

    def _condition_in(self, column: ColumnElement, operator: str, value: Any, env: Environment) -> ColumnElement:
        if not isinstance(value, (list, tuple, set, frozenset)):
            value = [value]
        has_empty = any(v is False or v is None for v in value)
        bound = [self.to_column(self.to_cache(v, env)) for v in value if v is not False and v is not None]
        for item in bound:
            check_comparable(self, item)
        condition = column.in_(bound) if bound else false()
        if has_empty:
            condition = or_(condition, self.is_empty(column)) if bound else self.is_empty(column)
        if operator == "in":
            return condition
        if has_empty:
            return not_(condition)
        return or_(not_(condition), column.is_(None)) if bound else true()

    def _condition_like(self, column: ColumnElement, operator: str, value: Any, env: Environment) -> ColumnElement:
        pattern = str(value)
        check_bound_value(pattern, f" for {self.model_name}.{self.name}")
        if not operator.startswith("="):
            pattern = f"%{escape_like(pattern)}%"
        text = column if self.type in ("char", "text", "html", "selection") else cast(column, String)
        if operator.endswith("ilike"):
            condition = env.dialect.ilike(text, pattern)
        else:
            condition = env.dialect.like(text, pattern)
        if operator.startswith("not "):
            return or_(not_(condition), column.is_(None))
        return condition

    def __repr__(self) -> str:
        where = f"{self.model_name}.{self.name}" if self.name else "unbound"
        return f"<{type(self).__name__} {where}>"


def empty_as_false(values: list[Any]) -> list[Any]:
    """Column values as ``read`` gives plain values: NULL becomes False."""
    return [False if value is None else value for value in values]


def escape_like(text: str) -> str:
    """Escape LIKE wildcards so user text matches literally (the escape char is ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
