"""Many2one: a link to one record of another model (a foreign key column)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer

from nexa.exceptions import ModelDefinitionError, did_you_mean
from nexa.orm.fields.base import Field

ONDELETE_CHOICES = ("set null", "cascade", "restrict")


class RelationalField(Field):
    """What many2one, one2many and many2many share: a comodel, a domain, a context."""

    relational = True
    type_options = {"comodel_name": None, "domain": [], "context": {}, "check_company": False,
                    "auto_join": False}

    def check_comodel(self, registry: Any) -> None:
        """Fail clearly when the comodel is not defined by any installed addon."""
        if not self.comodel_name or self.comodel_name not in registry:
            hint = did_you_mean(self.comodel_name, registry.models)
            raise ModelDefinitionError(
                f"Field {self.model_name}.{self.name} refers to model {self.comodel_name!r}, which no "
                f"installed addon defines{hint}", addon=self.addon, model=self.model_name, field=self.name)

    def comodel(self, env: Any) -> Any:
        return env[self.comodel_name]


class Many2one(RelationalField):
    """A link to one record; reads as ``[id, display_name]``, stored as an integer column."""

    type = "many2one"
    positional = ("comodel_name", "string")
    type_options = {**RelationalField.type_options, "ondelete": None, "delegate": False}
    operators = frozenset(Field.operators | {"child_of", "parent_of", "any", "not any"})

    def bind(self, model_name: str, name: str, addon: str) -> None:
        super().bind(model_name, name, addon)
        if self.ondelete is None:
            self.ondelete = "restrict" if self.required and not self.delegate else "set null"
        if self.delegate:
            self.ondelete = "cascade"
        if self.ondelete not in ONDELETE_CHOICES:
            raise ModelDefinitionError(
                f"Field {model_name}.{name}: ondelete must be one of {', '.join(ONDELETE_CHOICES)}, "
                f"got {self.ondelete!r}", addon=addon, model=model_name, field=name)

    def column_type(self) -> Any:
        return Integer()

    def to_cache(self, value: Any, env: Any) -> int | None:
        if type(value) is int and value > 0:
            return value  # the common case first: an id
        if value is None or value is False:
            return None
        if hasattr(value, "_ids") and hasattr(value, "_name"):
            if value._name != self.comodel_name:
                raise self.invalid(value, f"a record of {self.comodel_name}")
            if len(value._ids) > 1:
                raise self.invalid(value, "a single record")
            return value._ids[0] if value._ids else None
        if isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], int):
            value = value[0]  # the [id, display_name] pair read returns
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        raise self.invalid(value, f"the id of a {self.comodel_name} record")

    def to_record(self, value: Any, record: Any) -> Any:
        from nexa.orm.fetch import related_prefetch

        comodel = record.env[self.comodel_name]
        return comodel._browse(record.env, (value,) if value else (), related_prefetch(record, self))

    def empty_record_value(self, record: Any) -> Any:
        return record.env[self.comodel_name]

    def to_read(self, value: Any, record: Any) -> Any:
        # read() replaces ids by [id, display_name] pairs in one batch; see nexa.orm.read
        return value or False
