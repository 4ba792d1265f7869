"""Recordsets: ordered sets of records of one model, bound to an environment.

A recordset is an instance of a model class holding a tuple of ids. Iterating
yields one-record recordsets that share the *prefetch set* of their parent, so
reading a field on the first record fetches it for all of them at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from nexa.exceptions import MissingError, ValidationError

#: The largest record id (ids are 32-bit integers on both databases).
MAX_ID = 2**31 - 1


class RecordsetMixin:
    """Identity, iteration, set operations and environment switches of recordsets."""

    env: Any
    _ids: tuple[int, ...]
    _prefetch_ids: Iterable[int]
    _name: str

    # -- construction ----------------------------------------------------------------
    @classmethod
    def _browse(cls, env: Any, ids: tuple[int, ...], prefetch_ids: Iterable[int]) -> Any:
        records = object.__new__(cls)
        records.env = env
        records._ids = ids
        records._prefetch_ids = prefetch_ids
        return records

    def browse(self, ids: int | Iterable[int] | None = None) -> Any:
        """Records of this model with the given ids (not checked for existence)."""
        if ids is None or ids is False:
            ids = ()
        elif isinstance(ids, int):
            ids = (ids,)
        else:
            ids = tuple(ids)
        for record_id in ids:
            if isinstance(record_id, bool) or not isinstance(record_id, int) or record_id > MAX_ID:
                raise ValidationError(f"Invalid id {record_id!r} for model {self._name}", model=self._name,
                                      value=record_id)
        return self._browse(self.env, ids, ids)

    @property
    def ids(self) -> list[int]:
        """The ids of the records, in order."""
        return list(self._ids)

    def __nexa_wire__(self) -> list[int]:
        """How a recordset travels over RPC: its ids."""
        return list(self._ids)

    # -- environment switches --------------------------------------------------------
    def with_env(self, env: Any) -> Any:
        return self._browse(env, self._ids, self._prefetch_ids)

    def sudo(self, flag: bool = True) -> Any:
        """The same records in superuser mode (bypasses access rights; server code only)."""
        return self.with_env(self.env(su=flag))

    def with_user(self, user: Any) -> Any:
        """The same records as seen by another user (not in superuser mode)."""
        uid = user.id if hasattr(user, "_ids") else int(user)
        return self.with_env(self.env(user=uid, su=False))

    def with_context(self, *args: Any, **overrides: Any) -> Any:
        """The same records with a new context: ``with_context(dict)`` replaces, kwargs update."""
        context = dict(args[0]) if args else dict(self.env.context)
        context.update(overrides)
        return self.with_env(self.env(context=context))

    def with_delay(self, eta: Any = None, priority: int = 10) -> Any:
        """Call a public method later, in ``nexa-bin worker``: ``records.with_delay().method(*args)``.

        Writes an ``ir.job`` row in this transaction (see :mod:`nexa.jobs.delay`); ``eta`` is a
        datetime (naive = UTC), a timedelta or seconds from now; lower ``priority`` runs first.
        """
        from nexa.jobs.delay import DelayedCalls

        return DelayedCalls(self, eta, priority)

    # -- identity --------------------------------------------------------------------
    def ensure_one(self) -> Any:
        """Return self if it holds exactly one record, else raise a ValueError naming the count."""
        if len(self._ids) != 1:
            raise ValueError(f"Expected a single {self._name} record, got {len(self._ids)}: {self!r}")
        return self

    def exists(self) -> Any:
        """The subset of these records that are still in the database."""
        if not self._ids:
            return self
        from nexa.orm.fetch import existing_ids

        present = existing_ids(self.env, self._name, self._ids)
        return self._browse(self.env, tuple(i for i in self._ids if i in present), self._prefetch_ids)

    def ensure_exists(self) -> Any:
        missing = set(self._ids) - set(self.exists()._ids)
        if missing:
            raise MissingError(f"Record does not exist or has been deleted: {self._name}{tuple(sorted(missing))}",
                               model=self._name, record_ids=sorted(missing))
        return self

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def __iter__(self) -> Iterator[Any]:
        cls, env, prefetch = type(self), self.env, self._prefetch_ids
        for record_id in self._ids:
            yield cls._browse(env, (record_id,), prefetch)

    def __reversed__(self) -> Iterator[Any]:
        for record_id in reversed(self._ids):
            yield self._browse(self.env, (record_id,), self._prefetch_ids)

    def __contains__(self, item: Any) -> bool:
        if isinstance(item, RecordsetMixin):
            self._check_same_model(item, "in")
            return set(item._ids) <= set(self._ids)
        return False

    def __getitem__(self, key: int | slice | str) -> Any:
        if isinstance(key, str):
            return getattr(self.ensure_one() if len(self._ids) == 1 else self, key)
        if isinstance(key, slice):
            return self._browse(self.env, self._ids[key], self._prefetch_ids)
        return self._browse(self.env, (self._ids[key],), self._prefetch_ids)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordsetMixin):
            return NotImplemented
        return self._name == other._name and set(self._ids) == set(other._ids)

    def __hash__(self) -> int:
        return hash((self._name, frozenset(self._ids)))

    def __repr__(self) -> str:
        return f"{self._name}{self._ids!r}"

    # -- set operations (order preserving, no duplicates except for +) ------------------------
    def _check_same_model(self, other: Any, operator: str) -> None:
        if not isinstance(other, RecordsetMixin) or other._name != self._name:
            raise TypeError(f"Cannot use {operator!r} between {self!r} and {other!r}")

    def __add__(self, other: Any) -> Any:
        self._check_same_model(other, "+")
        return self._browse(self.env, self._ids + other._ids, self._ids + other._ids)

    def __or__(self, other: Any) -> Any:
        self._check_same_model(other, "|")
        ids = tuple(dict.fromkeys(self._ids + other._ids))
        return self._browse(self.env, ids, ids)

    def __and__(self, other: Any) -> Any:
        self._check_same_model(other, "&")
        keep = set(other._ids)
        return self._browse(self.env, tuple(i for i in dict.fromkeys(self._ids) if i in keep),
                            self._prefetch_ids)

    def __sub__(self, other: Any) -> Any:
        self._check_same_model(other, "-")
        drop = set(other._ids)
        return self._browse(self.env, tuple(i for i in self._ids if i not in drop), self._prefetch_ids)

    def union(self, *others: Any) -> Any:
        result = self
        for other in others:
            result = result | other
        return result

    # -- functional helpers ----------------------------------------------------------
    def mapped(self, func: str | Callable[[Any], Any]) -> Any:
        """Apply ``func`` (a callable or a dotted field path) to every record.

        For a path ending on a relational field the result is a recordset (the union
        of the values); otherwise a list of values.
        """
        if callable(func):
            values = [func(record) for record in self]
            if values and all(isinstance(v, RecordsetMixin) for v in values):
                return values[0].union(*values[1:])
            return values
        records: Any = self
        for name in func.split("."):
            field = records._fields.get(name)
            if field is None:
                raise ValidationError(f"Model {records._name} has no field {name!r} (in path {func!r})",
                                      model=records._name, field=name)
            if field.relational:
                comodel = records.env[field.comodel_name]
                ids: list[int] = []
                for record in records:
                    ids.extend(getattr(record, name)._ids)
                ids = list(dict.fromkeys(ids))
                records = comodel._browse(records.env, tuple(ids), tuple(ids))
            else:
                return [getattr(record, name) for record in records]
        return records

    def filtered(self, func: str | Callable[[Any], Any]) -> Any:
        """The records for which ``func`` (a callable or a dotted field path) is truthy."""
        if isinstance(func, str):
            path = func
            func = lambda record: any(record.mapped(path))  # noqa: E731
        return self._browse(self.env, tuple(r.id for r in self if func(r)), self._prefetch_ids)

    def filtered_domain(self, domain: list) -> Any:
        """The records matching ``domain``, keeping their order (one query)."""
        if not self._ids:
            return self
        found = set(self.search([("id", "in", list(self._ids)), *domain_as_conjunction(domain)])._ids)
        return self._browse(self.env, tuple(i for i in self._ids if i in found), self._prefetch_ids)

    def sorted(self, key: str | Callable[[Any], Any] | None = None, reverse: bool = False) -> Any:
        """The records sorted by ``key`` (a callable or a field name), or by the model's order."""
        if key is None:
            if not self._ids:
                return self
            ordered = self.search([("id", "in", list(self._ids))], order=self._order)._ids
            ids = tuple(reversed(ordered)) if reverse else ordered
            return self._browse(self.env, ids, self._prefetch_ids)
        if isinstance(key, str):
            name = key
            key = lambda record: _sort_key(getattr(record, name))  # noqa: E731
        ids = tuple(record.id for record in sorted(self, key=key, reverse=reverse))
        return self._browse(self.env, ids, self._prefetch_ids)


def _sort_key(value: Any) -> Any:
    if isinstance(value, RecordsetMixin):
        return value.display_name or ""
    return (value is False, value if value is not False else 0)


def domain_as_conjunction(domain: list) -> list:
    """A domain that can be appended after other leaves with an implicit AND."""
    from nexa.orm.domain import normalize

    normalized = normalize(domain)
    return normalized if normalized else []
