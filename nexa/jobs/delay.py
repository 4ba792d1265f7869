"""Asking for a job: ``records.with_delay(eta=None, priority=10).method(*args, **kwargs)``.

The call is not made: a row of ``ir.job`` is written in the *current* transaction
(so a rolled-back change leaves no job behind), naming the model, the record ids,
the method and its JSON arguments, the user, the superuser flag and the context
of the environment that asked. ``nexa-bin worker`` runs it later (see
:mod:`nexa.jobs.runner`)::

    order.with_delay().send_confirmation(template="short")
    partners.with_delay(eta=timedelta(hours=1), priority=5).geolocate()
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from nexa.exceptions import UserError, did_you_mean
from nexa.jobs.wakeup import wake_workers_after_commit
from nexa.orm.onchange import NewId

JOB_MODEL = "ir.job"


class DelayedCalls:
    """What ``with_delay()`` returns: any public method of the records, enqueued instead of called."""

    __slots__ = ("_eta", "_priority", "_records")

    def __init__(self, records: Any, eta: datetime | timedelta | float | None = None, priority: int = 10) -> None:
        self._records = records
        self._eta = eta_moment(eta, records)
        if isinstance(priority, bool) or not isinstance(priority, int):
            raise UserError(f"with_delay(priority={priority!r}) on {records._name}: the priority must be an "
                            "integer (lower runs first; the default is 10)", model=records._name, value=priority)
        self._priority = priority

    def __getattr__(self, method: str) -> Any:
        check_delayable(self._records, method)

        def enqueue_call(*args: Any, **kwargs: Any) -> Any:
            return enqueue(self._records, method, args, kwargs, eta=self._eta, priority=self._priority)

        enqueue_call.__name__ = method
        return enqueue_call

    def __repr__(self) -> str:
        return f"<DelayedCalls {self._records!r} eta={self._eta} priority={self._priority}>"


def eta_moment(eta: Any, records: Any) -> datetime | None:
    """``eta`` as a naive UTC datetime: a datetime (aware ones converted), a timedelta or seconds from now."""
    if eta is None:
        return None
    now = datetime.now(UTC).replace(tzinfo=None)
    if isinstance(eta, datetime):
        return eta.astimezone(UTC).replace(tzinfo=None) if eta.tzinfo else eta
    if isinstance(eta, timedelta):
        return now + eta
    if isinstance(eta, int | float) and not isinstance(eta, bool):
        return now + timedelta(seconds=eta)
    raise UserError(f"with_delay(eta={eta!r}) on {records._name}: give a datetime (naive means UTC), a "
                    "timedelta or a number of seconds from now", model=records._name, value=eta)


def check_delayable(records: Any, method: str) -> None:
    """Refuse what a worker could not call: private names, plumbing, fields and unknown methods."""
    from nexa.rpc.dispatch import NOT_CALLABLE
    from nexa.views.catalog import is_public_method

    model = records._name
    if method.startswith("_"):
        raise UserError(f"Cannot delay {model}.{method}(): private methods (leading underscore) cannot run as "
                        f"jobs; add a public method to {model} that calls it", model=model, value=method)
    if method in NOT_CALLABLE or method == "with_delay" or not is_public_method(type(records), method):
        methods = [name for name in dir(type(records)) if is_public_method(type(records), name)]
        hint = did_you_mean(method, methods)
        raise UserError(f"Cannot delay {model}.{method}(): {model} has no public method {method!r}{hint}",
                        model=model, value=method)


def enqueue(records: Any, method: str, args: tuple, kwargs: Mapping[str, Any], *,
            eta: datetime | None = None, priority: int = 10) -> Any:
    """Write the ``ir.job`` row asking to call ``records.method(*args, **kwargs)``; return it (sudo)."""
    model = records._name
    ids = list(records._ids)
    if any(not isinstance(id_, int) or isinstance(id_, NewId) for id_ in ids):
        raise UserError(f"Cannot delay {model}.{method}() on records that are not saved yet ({records!r}): "
                        "create them first", model=model, value=method)
    for position, value in enumerate(args, start=1):
        _check_json(records, method, f"argument {position}", value)
    for name, value in kwargs.items():
        _check_json(records, method, f"keyword argument {name!r}", value)
    env = records.env
    values = {
        "name": f"{model}.{method}", "model": model, "method": method, "record_ids": ids,
        "args": list(args), "kwargs": dict(kwargs), "eta": eta, "priority": priority,
        "user_id": env.uid, "superuser": env.su, "context": _json_context(env.context),
        "company_id": env.company.id or False,
    }
    job = env(su=True)[JOB_MODEL].create(values)
    wake_workers_after_commit(env.transaction)
    return job


def _check_json(records: Any, method: str, where: str, value: Any) -> None:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        hint = (" (pass record ids, not records)" if hasattr(value, "_name") and hasattr(value, "_ids")
                else "; pass strings, numbers, booleans, None, lists or dicts (ids for records, ISO text for dates)")
        raise UserError(f"Cannot delay {records._name}.{method}(): {where} is {value!r} ({type(value).__name__}), "
                        f"which is not JSON{hint}", model=records._name, value=method) from None


def _json_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """The context keys a job can carry (JSON values: lang, tz, allowed_company_ids...)."""
    kept = {}
    for key, value in context.items():
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError):
            continue
        kept[key] = value
    return kept
