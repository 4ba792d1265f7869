"""Who may do what: group membership, model access rights and field groups.

Access rights come from ``ir.model.access`` rows (loaded from each addon's
``security/ir.model.access.csv``): a row grants read/write/create/unlink on a
model to a group, or to everybody when it names no group. A model without any
row is reachable in superuser mode only. The rights of a user on every model
are loaded in one query and cached in the transaction; changing groups, rights
or rules drops that cache (:func:`invalidate_access_cache`), so the next check
sees the change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from nexa.exceptions import AccessError

OPERATIONS = ("read", "write", "create", "unlink")


#: The per-transaction caches of access decisions (see :func:`invalidate_access_cache`).
CACHE_KEYS = ("security.groups", "security.xmlids", "security.acl", "security.rules", "security.readable")


def _tx_cache(env: Any, key: str) -> dict:
    return env.transaction.data.setdefault(key, {})


def invalidate_access_cache(env: Any) -> None:
    """Forget the access decisions of this transaction (groups, rights, rules changed)."""
    for key in CACHE_KEYS:
        env.transaction.data.pop(key, None)


def user_group_ids(env: Any, uid: int | None = None) -> frozenset[int]:
    """The groups of a user, implied groups included."""
    uid = env.uid if uid is None else uid
    cache = _tx_cache(env, "security.groups")
    if uid in cache:
        return cache[uid]
    registry = env.registry
    if "res.users" not in registry or "res.groups" not in registry:
        cache[uid] = frozenset()
        return cache[uid]
    tx = env.transaction
    membership = registry.relation_tables[registry.models["res.users"]._fields["groups_id"].relation]
    direct = {row[0] for row in tx.execute(select(membership.c.gid).where(membership.c.uid == uid))}
    implied = registry.relation_tables[registry.models["res.groups"]._fields["implied_ids"].relation]
    edges: dict[int, set[int]] = {}
    for group_id, implied_id in tx.execute(select(implied.c.gid, implied.c.hid)):
        edges.setdefault(group_id, set()).add(implied_id)
    groups, frontier = set(direct), list(direct)
    while frontier:
        for implied_id in edges.get(frontier.pop(), ()):
            if implied_id not in groups:
                groups.add(implied_id)
                frontier.append(implied_id)
    cache[uid] = frozenset(groups)
    return cache[uid]


def group_ids_of_xmlids(env: Any, xmlids: str) -> set[int]:
    """Resolve ``"base.group_user,base.group_system"`` to group ids (unknown ones are ignored)."""
    cache = _tx_cache(env, "security.xmlids")
    result: set[int] = set()
    for xmlid in (x.strip() for x in xmlids.split(",")):
        name = xmlid.lstrip("!")
        if name not in cache:
            record = env.sudo()["ir.model.data"]._xmlid_to_record(name, raise_if_not_found=False) \
                if "ir.model.data" in env.registry else None
            cache[name] = record.id if record else None
        if cache[name]:
            result.add(cache[name])
    return result


def has_groups(env: Any, groups: str) -> bool:
    """True when the user belongs to one of ``groups`` (``!xmlid`` means "not in")."""
    if env.su:
        return True
    mine = user_group_ids(env)
    positive = [g.strip() for g in groups.split(",") if g.strip() and not g.strip().startswith("!")]
    negative = [g.strip()[1:] for g in groups.split(",") if g.strip().startswith("!")]
    if negative and group_ids_of_xmlids(env, ",".join(negative)) & mine:
        return False
    if not positive:
        return True
    return bool(group_ids_of_xmlids(env, ",".join(positive)) & mine)


def model_access(env: Any, model_name: str, operation: str) -> bool:
    """Whether the current user may ``operation`` records of ``model_name``."""
    if env.su:
        return True
    if operation not in OPERATIONS:
        raise ValueError(f"unknown operation {operation!r}")
    cache = _tx_cache(env, "security.acl")
    if env.uid not in cache:
        cache[env.uid] = _load_rights(env)
    rights = cache[env.uid]
    return rights is None or operation in rights.get(model_name, ())


def _load_rights(env: Any) -> dict[str, frozenset[str]] | None:
    """``{model: operations granted}`` for the user, every model in one query (None: no ACL model)."""
    registry = env.registry
    if "ir.model.access" not in registry:
        return None
    access = registry.models["ir.model.access"]._table_obj
    model = registry.models["ir.model"]._table_obj
    rows = env.transaction.execute(
        select(model.c.model, access.c.group_id, access.c.perm_read, access.c.perm_write, access.c.perm_create,
               access.c.perm_unlink)
        .join(model, model.c.id == access.c.model_id)
        .where(access.c.active.is_(True) | access.c.active.is_(None))).all()
    groups = user_group_ids(env)
    granted: dict[str, set[str]] = {}
    for model_name, group_id, *perms in rows:
        if group_id is None or group_id in groups:
            granted.setdefault(model_name, set()).update(op for op, allowed in zip(OPERATIONS, perms) if allowed)
    return {name: frozenset(operations) for name, operations in granted.items()}


def check_model_access(env: Any, model_name: str, operation: str, description: str | None = None) -> None:
    """Raise an AccessError naming the model and operation unless the user may do it."""
    if not model_access(env, model_name, operation):
        verbs = {"read": "read", "write": "modify", "create": "create", "unlink": "delete"}
        raise AccessError(
            f"You are not allowed to {verbs[operation]} '{description or model_name}' ({model_name}) records. "
            "Ask your administrator for the access rights.", model=model_name)
