"""Record rules (``ir.rule``): which records of a model a user may touch.

A rule is a domain over the model for some operations. Global rules (no group)
are intersected; group rules whose group the user has are united, and their
union is intersected with the global ones, as in Odoo. Domains are evaluated
with ``user``, ``company_id``, ``company_ids`` and the evaluator's ``time`` in scope, then
compiled into the WHERE clause of every query that touches the model.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from nexa.orm import domain as domains
from nexa.security.access import shared_value, user_group_ids


def rule_domains(env: Any, model_name: str, operation: str) -> list | None:
    """The combined rule domain for the current user, or None when no rule applies."""
    if env.su or "ir.rule" not in env.registry:
        return None
    cache = env.transaction.data.setdefault("security.rules", {})
    key = (env.uid, model_name, operation, tuple(env.context.get("allowed_company_ids") or ()))
    if key not in cache:
        cache[key] = _combine(env, model_name, operation)
    return cache[key]


def _combine(env: Any, model_name: str, operation: str) -> list | None:
    rows = shared_value(env, ("rules", model_name, operation), lambda: _rule_rows(env, model_name, operation))
    if not rows:
        return None
    mine = user_group_ids(env)
    eval_context = rule_eval_context(env)
    global_domains, group_domains = [], []
    for _rule_id, text, rule_groups in rows:
        if rule_groups and not rule_groups & mine:
            continue
        evaluated = evaluate_domain(text, eval_context)
        (group_domains if rule_groups else global_domains).append(evaluated)
    parts = list(global_domains)
    if group_domains:
        parts.append(domains.OR(group_domains))
    if not parts:
        return None
    return domains.AND(parts)


def _rule_rows(env: Any, model_name: str, operation: str) -> tuple[tuple[int, str, frozenset[int]], ...]:
    """``(rule id, domain text, groups)`` of the active rules of a model for an operation (two queries).

    Shared across transactions (see :mod:`nexa.security.access`); the domains are
    evaluated for each transaction, with its user and companies.
    """
    registry = env.registry
    rule = registry.models["ir.rule"]._table_obj
    model = registry.models["ir.model"]._table_obj
    groups_rel = registry.relation_tables[registry.models["ir.rule"]._fields["groups"].relation]
    rows = env.transaction.execute(
        select(rule.c.id, rule.c.domain_force)
        .join(model, model.c.id == rule.c.model_id)
        .where(model.c.model == model_name, rule.c.active.is_(True), rule.c[f"perm_{operation}"].is_(True))
        .order_by(rule.c.id)
    ).all()
    if not rows:
        return ()
    groups_of: dict[int, set[int]] = {}
    for rule_id, group_id in env.transaction.execute(
            select(groups_rel.c.rule_group_id, groups_rel.c.group_id)
            .where(groups_rel.c.rule_group_id.in_([row[0] for row in rows]))):
        groups_of.setdefault(rule_id, set()).add(group_id)
    return tuple((rule_id, text, frozenset(groups_of.get(rule_id, ()))) for rule_id, text in rows)


def rule_eval_context(env: Any) -> dict[str, Any]:
    """The names a rule domain may use."""
    user = env.user
    companies = env.companies if "res.company" in env.registry else None
    return {
        "user": user,
        "uid": env.uid,
        "company_id": companies[0].id if companies else False,
        "company_ids": list(companies._ids) if companies else [],
    }


def evaluate_domain(text: str | None, context: dict[str, Any]) -> list:
    """Evaluate a rule's domain text (``"[('user_id', '=', user.id)]"``) safely."""
    from nexa.data.safe_eval import safe_eval

    if not text:
        return []
    return safe_eval(text, context)
