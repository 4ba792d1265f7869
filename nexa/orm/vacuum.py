"""Deleting old records of transient (wizard) models, as Odoo's ``_transient_vacuum``.

``ir.autovacuum`` calls :func:`vacuum_transient` for every transient model::

    deleted = vacuum_transient(env["test.animal.wizard"], now=utc_now, default_hours=1.0)

Age is measured from ``write_date`` (``create_date`` for records never written).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

#: Records written this recently are never deleted for exceeding ``_transient_max_count``.
RECENT = timedelta(minutes=5)


def vacuum_transient(model: Any, *, now: datetime, default_hours: float = 1.0) -> int:
    """Delete the records of ``model`` (a transient model) too old or too many; return how many."""
    if not model._transient:
        raise TypeError(f"{model._name} is not a transient model: its records are never vacuumed")
    records = model.sudo().with_context(active_test=False)
    hours = model._transient_max_hours
    hours = default_hours if hours is None else hours
    deleted = 0
    if hours and hours > 0:
        old = records.search(_written_before(now - timedelta(hours=hours)))
        deleted += len(old)
        old.unlink()
    if model._transient_max_count > 0:
        excess = records.search_count([]) - model._transient_max_count
        if excess > 0:
            oldest = records.search(_written_before(now - RECENT), order="write_date, id", limit=excess)
            deleted += len(oldest)
            oldest.unlink()
    return deleted


def _written_before(moment: datetime) -> list:
    return ["|", ("write_date", "<", moment), "&", ("write_date", "=", False), ("create_date", "<", moment)]
