"""The record cache: field values of records, shared by one transaction.

Values are kept in *cache format* (see :mod:`nexa.orm.fields.base`), keyed by
field object then record id. Environments of the same transaction (sudo,
another user, another context) share the cache: access rights are checked when
a method is called, not when a value is looked up, as in Odoo.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MISSING: Any = object()


class RecordCache:
    """Field values per field and record id."""

    __slots__ = ("_data",)

    def __init__(self) -> None:
        self._data: dict[Any, dict[int, Any]] = {}

    def get(self, field: Any, record_id: int, default: Any = MISSING) -> Any:
        values = self._data.get(field)
        if values is None:
            return default
        return values.get(record_id, default)

    def contains(self, field: Any, record_id: int) -> bool:
        values = self._data.get(field)
        return values is not None and record_id in values

    def set(self, field: Any, record_id: int, value: Any) -> None:
        self._data.setdefault(field, {})[record_id] = value

    def update(self, field: Any, values: Mapping[int, Any]) -> None:
        self._data.setdefault(field, {}).update(values)

    def missing_ids(self, field: Any, ids: Iterable[int]) -> list[int]:
        values = self._data.get(field)
        if not values:
            return list(ids)
        return [record_id for record_id in ids if record_id not in values]

    def values_of(self, field: Any) -> dict[int, Any]:
        """All cached values of ``field`` (a live view; do not modify)."""
        return self._data.get(field, {})

    def invalidate_field(self, field: Any, ids: Iterable[int] | None = None) -> None:
        if ids is None:
            self._data.pop(field, None)
            return
        values = self._data.get(field)
        if values:
            for record_id in ids:
                values.pop(record_id, None)

    def invalidate_records(self, fields: Iterable[Any], ids: Iterable[int]) -> None:
        ids = list(ids)
        for field in fields:
            self.invalidate_field(field, ids)

    def invalidate_computed(self) -> None:
        """Forget every non-stored computed value (they may depend on what just changed)."""
        for field in [key for key in self._data if getattr(key, "compute", None) or getattr(key, "related", None)]:
            if not getattr(field, "store", False):
                del self._data[field]

    def clear(self) -> None:
        self._data.clear()
