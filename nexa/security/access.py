"""Who may do what: group membership, model access rights and field groups.

Access rights come from ``ir.model.access`` rows (loaded from each addon's
``security/ir.model.access.csv``): a row grants read/write/create/unlink on a
model to a group, or to everybody when it names no group. A model without any
row is reachable in superuser mode only.

Decisions are cached in two layers:

* per transaction (``transaction.data``): groups, xmlids, rights, evaluated rules;
* per process (:func:`shared_cache`, kept on the registry): each user's groups and
  rights, the rule rows of each model, the group of each xmlid. That data changes
  only when users, groups, rights or rules change, which ``ir.security.mixin``
  reports through :func:`invalidate_access_cache`: the changing transaction stops
  using the shared layer at once, and when it commits it moves the database's
  security signal (:mod:`nexa.db.signals`). Every process reads that signal at its
  next request and forgets what it cached; this process forgets at the commit.

So a check made right after a change (in the same call, the same test) sees it, and
another worker sees it from its next request on, as it sees a newly installed addon.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from nexa.exceptions import AccessError

OPERATIONS = ("read", "write", "create", "unlink")


#: The per-transaction caches of access decisions (see :func:`invalidate_access_cache`).
CACHE_KEYS = ("security.groups", "security.xmlids", "security.acl", "security.rules", "security.readable")
#: Set in ``transaction.data`` once the transaction changed access data: it no longer uses the shared layer.
CHANGED = "security.changed"


def _tx_cache(env: Any, key: str) -> dict:
    return env.transaction.data.setdefault(key, {})


def shared_cache(env: Any) -> dict | None:
    """The access data this process shares across transactions, or None when this transaction may not use it.

    Entries are valid for the security token the transaction started with; a
    transaction that changed access data, or that runs on a registry being
    installed, has none.
    """
    transaction = env.transaction
    token = transaction.security_token
    if token is None or transaction.data.get(CHANGED) or transaction.registry is not transaction.database.registry:
        return None
    caches = transaction.registry.caches
    entry = caches.get("security")
    if entry is None or entry[0] < token:
        entry = (token, {})
        caches["security"] = entry
    elif entry[0] > token:
        return None  # a transaction older than the cached data: its own view only
    return entry[1]


def shared_value(env: Any, key: tuple, load: Any) -> Any:
    """``load()`` through the shared layer (when this transaction may use it)."""
    shared = shared_cache(env)
    if shared is None:
        return load()
    value = shared.get(key)
    if value is None:
        value = shared[key] = load()
    return value


def invalidate_access_cache(env: Any) -> None:
    """Forget the access decisions of this transaction (groups, rights, rules changed).

    The transaction then ignores the shared layer and, when it commits, moves the
    security signal so that every process forgets its shared access data.
    """
    transaction = env.transaction
    for key in CACHE_KEYS:
        transaction.data.pop(key, None)
    if not transaction.data.get(CHANGED):
        from nexa.db.signals import bump_security

        transaction.data[CHANGED] = True
        transaction.before_commits.append(lambda: bump_security(transaction))
        transaction.after_commit.append(transaction.database.security_changed)


#: The model outside ``ir.security.mixin`` whose changes also change cached access data: the companies users work
#: in (the ORM reports its changes, see ``nexa.orm.access``).
COMPANY_MODEL = "res.company"


def user_companies(env: Any) -> tuple[int | None, tuple[int, ...], tuple[int, ...]]:
    """``(company, companies, active companies)`` of the user, as ``env.user`` reads them.

    ``companies`` are the user's ``company_ids`` (archived ones left out unless the
    context says ``active_test=False``); ``env.company`` and ``env.companies`` are made of
    these, and the record rules of every request evaluate them.
    """
    key = ("companies", env.uid, bool(env.context.get("active_test", True)))
    return shared_value(env, key, lambda: _load_companies(env))


def _load_companies(env: Any) -> tuple[int | None, tuple[int, ...], tuple[int, ...]]:
    user = env.user
    linked = user.company_ids
    return user.company_id.id or None, linked._ids, tuple(company.id for company in linked if company.active)


def user_group_ids(env: Any, uid: int | None = None) -> frozenset[int]:
    """The groups of a user, implied groups included."""
    uid = env.uid if uid is None else uid
    cache = _tx_cache(env, "security.groups")
    if uid not in cache:
        cache[uid] = shared_value(env, ("groups", uid), lambda: _load_groups(env, uid))
    return cache[uid]


def _load_groups(env: Any, uid: int) -> frozenset[int]:
    registry = env.registry
    if "res.users" not in registry or "res.groups" not in registry:
        return frozenset()
    tx = env.transaction
    membership = registry.relation_tables[registry.models["res.users"]._fields["groups_id"].relation]
    direct = {row[0] for row in tx.execute(select(membership.c.gid).where(membership.c.uid == uid))}
    edges = shared_value(env, ("implied",), lambda: _load_implied(env))
    groups, frontier = set(direct), list(direct)
    while frontier:
        for implied_id in edges.get(frontier.pop(), ()):
            if implied_id not in groups:
                groups.add(implied_id)
                frontier.append(implied_id)
    return frozenset(groups)


def _load_implied(env: Any) -> dict[int, frozenset[int]]:
    """``{group: groups it implies directly}``."""
    registry = env.registry
    implied = registry.relation_tables[registry.models["res.groups"]._fields["implied_ids"].relation]
    edges: dict[int, set[int]] = {}
    for group_id, implied_id in env.transaction.execute(select(implied.c.gid, implied.c.hid)):
        edges.setdefault(group_id, set()).add(implied_id)
    return {group_id: frozenset(targets) for group_id, targets in edges.items()}


def group_ids_of_xmlids(env: Any, xmlids: str) -> set[int]:
    """Resolve ``"base.group_user,base.group_system"`` to group ids (unknown ones are ignored)."""
    cache = _tx_cache(env, "security.xmlids")
    shared = shared_cache(env)
    result: set[int] = set()
    for xmlid in (x.strip() for x in xmlids.split(",")):
        name = xmlid.lstrip("!")
        if name not in cache:
            known = shared.get(("xmlid", name)) if shared is not None else None
            if known is None:
                record = env.sudo()["ir.model.data"]._xmlid_to_record(name, raise_if_not_found=False) \
                    if "ir.model.data" in env.registry else None
                known = record.id if record else None
                if known is not None and shared is not None:
                    shared[("xmlid", name)] = known  # unknown xmlids are not shared: they may appear
            cache[name] = known
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
    rights = cache.get(env.uid, False)
    if rights is False:
        rights = cache[env.uid] = shared_value(env, ("rights", env.uid), lambda: _load_rights(env))
    return rights is None or operation in rights.get(model_name, ())


def _load_rights(env: Any) -> dict[str, frozenset[str]] | None:
    """``{model: operations granted}`` for the user (None: no ACL model)."""
    if "ir.model.access" not in env.registry:
        return None
    groups = user_group_ids(env)
    granted: dict[str, set[str]] = {}
    for model_name, group_id, *perms in shared_value(env, ("acl",), lambda: _load_acl(env)):
        if group_id is None or group_id in groups:
            granted.setdefault(model_name, set()).update(op for op, allowed in zip(OPERATIONS, perms) if allowed)
    return {name: frozenset(operations) for name, operations in granted.items()}


def _load_acl(env: Any) -> list[tuple]:
    """Every active access right, as ``(model, group, read, write, create, unlink)`` (one query)."""
    registry = env.registry
    access = registry.models["ir.model.access"]._table_obj
    model = registry.models["ir.model"]._table_obj
    return [tuple(row) for row in env.transaction.execute(
        select(model.c.model, access.c.group_id, access.c.perm_read, access.c.perm_write, access.c.perm_create,
               access.c.perm_unlink)
        .join(model, model.c.id == access.c.model_id)
        .where(access.c.active.is_(True) | access.c.active.is_(None)))]


def check_model_access(env: Any, model_name: str, operation: str, description: str | None = None) -> None:
    """Raise an AccessError naming the model and operation unless the user may do it."""
    if not model_access(env, model_name, operation):
        verbs = {"read": "read", "write": "modify", "create": "create", "unlink": "delete"}
        raise AccessError(
            f"You are not allowed to {verbs[operation]} '{description or model_name}' ({model_name}) records. "
            "Ask your administrator for the access rights.", model=model_name)
