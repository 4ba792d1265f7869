"""Which linked records a user sees through one2many and many2many fields.

The record cache holds the *whole* value of an x2many field (fetched in
superuser mode) and is shared by every environment of the transaction. A user
must only see the lines their record rules let them read, so the value is
filtered when a non-superuser environment reads it (:func:`readable_subset`),
not when it is fetched: a sudo read after a user read then still sees every
line (a stored total stays right), and a user read after a sudo read still hides
what it must.

Each filtering decides, in one query, for every not-yet-classified id of the
field over the whole prefetch set, so a loop over 1,000 orders reading their
lines costs one query, not 1,000. Decisions are kept per user and allowed
companies until the next change in the transaction (:func:`forget`).
"""

from __future__ import annotations

from typing import Any

_KEY = "security.readable"
#: Most ids classified by one query (a batch also stops growing at this size).
BATCH_MAX = 1000


def _memo(env: Any, comodel: str) -> dict[int, bool]:
    key = (env.uid, comodel, tuple(env.context.get("allowed_company_ids") or ()))
    return env.transaction.data.setdefault(_KEY, {}).setdefault(key, {})


def forget(env: Any) -> None:
    """Forget every visibility decision of the transaction (records changed)."""
    env.transaction.data.pop(_KEY, None)


def readable_subset(record: Any, field: Any, value: tuple[int, ...]) -> tuple[int, ...]:
    """The ids of ``value`` (``field`` of ``record``) that the user's read rules let them see."""
    if not value:
        return value
    env = record.env
    comodel = env[field.comodel_name]
    if comodel._rule_domain("read") is None:
        return value
    memo = _memo(env, comodel._name)
    if any(target not in memo for target in value if target > 0):
        _classify(comodel, memo, _candidates(record, field, value, memo))
    return tuple(target for target in value if target <= 0 or memo[target])  # <= 0: in-memory (onchange)


def _candidates(record: Any, field: Any, value: tuple[int, ...], memo: dict[int, bool]) -> list[int]:
    """The unclassified ids of ``value``, then those of the same field over the prefetch set."""
    wanted = dict.fromkeys(target for target in value if target > 0 and target not in memo)
    values = record.env.cache.values_of(field)
    for other in record._prefetch_ids:
        if len(wanted) >= BATCH_MAX:
            break
        for target in values.get(other, ()):
            if target > 0 and target not in memo:
                wanted[target] = None
    return list(wanted)


def _classify(comodel: Any, memo: dict[int, bool], ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH_MAX):
        part = ids[start:start + BATCH_MAX]
        allowed = comodel._rule_allowed_ids(part, "read")
        for target in part:
            memo[target] = allowed is None or target in allowed
