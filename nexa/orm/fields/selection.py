"""Selection: one value among a fixed list of ``(value, label)`` pairs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import String

from nexa.orm.fields.base import Field


class Selection(Field):
    """One key of ``selection`` (a list of pairs, or the name of a model method returning one).

    An extension adds keys with ``selection_add=[("new", "New")]``.
    """

    type = "selection"
    positional = ("selection", "string")
    type_options = {"selection": None, "selection_add": None}

    def merged_with(self, override: Field) -> Field:
        merged = super().merged_with(override)
        added = override.args.get("selection_add")
        base = self.args.get("selection")
        if added and isinstance(base, list):
            keys = {key for key, _label in added}
            merged.selection = [pair for pair in base if pair[0] not in keys] + list(added)
            merged.args = {**merged.args, "selection": merged.selection, "selection_add": None}
        return merged

    def column_type(self) -> Any:
        return String()

    def get_values(self, env: Any) -> list[tuple[str, str]]:
        """The ``(value, label)`` pairs, calling the model method when ``selection`` names one."""
        selection = self.selection
        if isinstance(selection, str):
            return list(getattr(env[self.model_name], selection)())
        if isinstance(selection, Callable):
            return list(selection(env[self.model_name]))
        return list(selection or [])

    def to_cache(self, value: Any, env: Any) -> str | None:
        if value is None or value is False:
            return None
        keys = [key for key, _label in self.get_values(env)]
        if value not in keys:
            raise self.invalid(value, f"one of {', '.join(repr(k) for k in keys)}")
        return value
