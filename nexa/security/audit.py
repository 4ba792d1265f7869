"""The audit log: who changed which field of which record, from what to what, when, through which request.

A model opts in with ``_audit = True`` (users, groups, access rights, record
rules and API keys always do); the ORM then calls :func:`log_create`,
:func:`log_write` (with a :func:`snapshot` taken before the change) and
:func:`log_unlink`. Logins are logged by :func:`log_login`. Entries are rows of
``ir.audit.log`` inserted with plain SQL in the transaction of the change: a
change that is rolled back leaves no entry, and writing an entry never goes
through the ORM (no rules, no recursion, no audit of the audit).

Secrets never reach the log: the values of internal fields and of fields named
like ``password`` are replaced by :data:`MASK` (a change still shows as a change).

The request that made the change is whatever the HTTP layer put in the
transaction with :func:`set_request` (``"POST /web/dataset/call_kw res.partner.write
from 203.0.113.7"``)::

    set_request(env, "object.execute_kw res.partner.write")
    before = snapshot(partners, ["name"])
    partners.write({"name": "Acme"})
    log_write(partners, before, ["name"])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert, select

#: What a secret value looks like in the log.
MASK = "********"

#: Fields never logged: the bookkeeping every write touches.
SKIPPED = frozenset({"id", "display_name", "create_uid", "create_date", "write_uid", "write_date", "parent_path"})

_REQUEST_KEY = "audit.request"


def is_audited(model: Any) -> bool:
    """Whether changes to ``model`` are logged (it opted in, and the log exists)."""
    return bool(getattr(model, "_audit", False)) and model._name != "ir.audit.log" \
        and "ir.audit.log" in model.env.registry


def set_request(env: Any, description: str) -> None:
    """Name the request the changes of this transaction come from (the first name given wins)."""
    env.transaction.data.setdefault(_REQUEST_KEY, description[:250])


def is_secret(field: Any) -> bool:
    """Whether a field's values must never be written to the log."""
    return bool(field.internal) or "password" in field.name or "secret" in field.name


def logged_names(model: Any, names: Iterable[str]) -> list[str]:
    """The field names among ``names`` whose changes the log records."""
    fields = model._fields
    return [name for name in dict.fromkeys(names) if name in fields and name not in SKIPPED
            and (fields[name].store or fields[name].related or fields[name].inverse)]


def snapshot(records: Any, names: Iterable[str]) -> dict[int, dict[str, Any]]:
    """``{id: {field: wire value}}`` of ``records`` now (read in superuser mode)."""
    names = logged_names(records, names)
    if not records or not names:
        return {}
    rows = records.sudo().with_context(active_test=False).read(names, load="_classic_write")
    return {row.pop("id"): row for row in rows}


def log_create(records: Any, names: Iterable[str]) -> None:
    """Log the creation of ``records`` with the values of ``names``."""
    after = snapshot(records, names)
    _insert(records.env, [_entry(records, record_id, "create", {
        name: {"new": _shown(records, name, value)} for name, value in after.get(record_id, {}).items()
        if value not in (False, None, [], "")}) for record_id in records._ids])


def log_write(records: Any, before: dict[int, dict[str, Any]], names: Iterable[str]) -> None:
    """Log the fields of ``names`` that differ between ``before`` and now."""
    after = snapshot(records, names)
    entries = []
    for record_id in records._ids:
        old, new = before.get(record_id, {}), after.get(record_id, {})
        changes = {name: {"old": _shown(records, name, old.get(name)), "new": _shown(records, name, value)}
                   for name, value in new.items() if old.get(name) != value}
        if changes:
            entries.append(_entry(records, record_id, "write", changes))
    _insert(records.env, entries)


def log_unlink(records: Any, before: dict[int, dict[str, Any]]) -> None:
    """Log the deletion of ``records`` with the values they had (``before``, a snapshot)."""
    _insert(records.env, [_entry(records, record_id, "unlink", {
        name: {"old": _shown(records, name, value)} for name, value in before.get(record_id, {}).items()
        if value not in (False, None, [], "")}) for record_id in records._ids])


def log_login(env: Any, login: str, uid: int | None, *, success: bool, method: str = "password",
              reason: str = "") -> None:
    """Log a login attempt (never the password): ``method`` is password, apikey or totp."""
    if "ir.audit.log" not in env.registry:
        return
    changes = {"method": method, **({"reason": reason} if reason else {})}
    operation = "totp" if method == "totp" else ("login" if success else "login_failed")
    if method == "totp":
        changes["success"] = success
    target = uid if uid is not None else _uid_of_login(env, login)  # whose account was tried
    _insert(env, [{"model": "res.users", "res_id": target, "operation": operation, "login": str(login)[:200],
                   "user_id": uid if success else None, "changes": changes}])


def _uid_of_login(env: Any, login: Any) -> int | None:
    if not isinstance(login, str):
        return None
    users = env.registry.models["res.users"]._table_obj
    row = env.transaction.execute(select(users.c.id).where(users.c.login == login)).first()
    return row[0] if row else None


def _shown(model: Any, name: str, value: Any) -> Any:
    if is_secret(model._fields[name]):
        return MASK if value not in (False, None, "") else False
    return value


def _entry(records: Any, record_id: int, operation: str, changes: dict[str, Any]) -> dict[str, Any]:
    return {"model": records._name, "res_id": record_id, "operation": operation, "changes": changes,
            "user_id": records.env.uid}


def _insert(env: Any, entries: list[dict[str, Any]]) -> None:
    """Insert log rows with plain SQL (no access check, no recursion)."""
    if not entries:
        return
    from nexa.orm.fields.temporal import Datetime

    table = env.registry.models["ir.audit.log"]._table_obj
    now, request = Datetime.now(), env.transaction.data.get(_REQUEST_KEY)
    rows = [{"date": now, "request": request, "login": None, **entry} for entry in entries]
    for row in rows:
        if row["user_id"] is not None and not _user_exists(env, row["user_id"]):
            row["user_id"] = None  # while installing, data is loaded before the first user exists
    env.transaction.execute(insert(table), rows)


def _user_exists(env: Any, uid: int) -> bool:
    known = env.transaction.data.setdefault("audit.users", {})
    if uid not in known:
        users = env.registry.models["res.users"]._table_obj
        known[uid] = env.transaction.execute(select(users.c.id).where(users.c.id == uid)).first() is not None
    return known[uid]
