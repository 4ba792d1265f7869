"""``/web/action/load``: an action's description for the client, by id or external id.

Odoo 17's route: ``{"action_id": 42 | "base.action_partner_form", "context": {...}}``
answers the action as base's ``_get_action_dict`` gives it (its client-readable fields, after
checking the action's groups),
with ``domain`` and ``context`` evaluated (they are Python expressions in the
database: ``[('user_id', '=', uid)]``) by the restricted evaluator, and, for
window actions, ``views`` as ``[[view_id or False, view_type], ...]``.

``ir.actions.actions._for_xml_id`` cannot be called over RPC (a private method),
which is why the client needs this route.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from nexa.data.safe_eval import safe_eval
from nexa.db.transaction import retrying
from nexa.exceptions import MissingError, UserError
from nexa.orm.env import Environment

ACTIONS = "ir.actions.actions"
WINDOW = "ir.actions.act_window"
XMLID_REFERENCE = re.compile(r"^%\((?P<xmlid>[\w.]+)\)d$")
EVALUATED = ("domain", "context")


def load_action(request: Any, action_id: Any, context: Mapping[str, Any] | None = None,
                additional_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The description of action ``action_id`` for the session's user, in one retried transaction."""
    session = request.session
    database = request.app.runtime.database(session.db)
    user_context = {**(session.get("context") or {}), **dict(context or {})}
    extra = dict(additional_context or {})

    def work(tx: Any) -> dict[str, Any]:
        env = Environment(tx, session.uid, user_context, su=False)
        return action_values(env, action_id, extra)

    return retrying(database, work)


def find_action_id(env: Any, reference: Any) -> int:
    """The id of an action given as an id, ``"42"``, an external id or ``"%(xmlid)d"``."""
    if isinstance(reference, bool) or not isinstance(reference, (int, str)) or reference == "":
        raise UserError(f"Unknown action {reference!r}: give an action id or an external id such as "
                        "'base.action_partner_form'", value=reference)
    if isinstance(reference, int) or reference.isdigit():
        return int(reference)
    match = XMLID_REFERENCE.match(reference)
    xmlid = match.group("xmlid") if match else reference
    if "." not in xmlid:
        raise UserError(f"Unknown action {reference!r}: an external id has the form 'addon.name'",
                        value=reference)
    record = env.ref(xmlid, raise_if_not_found=False)
    if record is None or not record._name.startswith("ir.actions."):
        raise MissingError(f"The action {xmlid!r} does not exist (is its addon installed?)")
    return record.id


def action_values(env: Any, reference: Any, additional_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The client's description of an action: its record read by the user, expressions evaluated."""
    if ACTIONS not in env.registry:
        raise UserError("This database has no actions: the base addon that defines them is too old; "
                        "upgrade it with 'nexa-bin module upgrade base'")
    action_id = find_action_id(env, reference)
    base = env[ACTIONS].sudo().browse(action_id).exists()
    if not base:
        raise MissingError(f"The action {reference!r} does not exist (any more)", model=ACTIONS,
                           record_ids=[action_id])
    action_type = base.type
    if action_type not in env.registry:
        raise UserError(f"Action {reference!r} has the type {action_type!r}, which no installed addon handles",
                        model=ACTIONS, value=action_type)
    action = env[action_type].browse(action_id)
    if hasattr(action, "_get_action_dict"):  # base's actions: readable fields only, groups checked
        action._check_groups()
        values = action._get_action_dict()
    else:
        values = action.read()[0]
    values["type"] = action_type
    scope = evaluation_scope(env, additional_context or {})
    for key in EVALUATED:
        values[key] = evaluate(values.get(key), scope, action=reference, key=key)
    if action_type == WINDOW:
        values["views"] = window_views(env, values)
    return values


def evaluation_scope(env: Any, additional_context: Mapping[str, Any]) -> dict[str, Any]:
    """The names an action's ``domain`` and ``context`` may use."""
    today = datetime.date.today()
    allowed = env.context.get("allowed_company_ids") or [env.user.company_id.id]
    return {
        "uid": env.uid, "context": dict(env.context), "allowed_company_ids": allowed, "company_id": allowed[0],
        "context_today": lambda: today, "current_date": today.isoformat(),
        "active_id": additional_context.get("active_id"), "active_ids": additional_context.get("active_ids", []),
        "active_model": additional_context.get("active_model"),
    }


def evaluate(value: Any, scope: Mapping[str, Any], *, action: Any, key: str) -> Any:
    """A stored expression's value (``False`` and non-strings pass through)."""
    if not isinstance(value, str):
        return value if value not in (None, False) else ([] if key == "domain" else {})
    text = value.strip()
    if not text:
        return [] if key == "domain" else {}
    try:
        result = safe_eval(text, dict(scope))
    except Exception as error:
        raise UserError(f"The {key} of action {action!r} cannot be evaluated: {error} (expression {text!r})",
                        model=ACTIONS, field=key, value=text) from None
    if isinstance(result, tuple):
        result = list(result)
    if isinstance(result, list):
        result = [list(item) if isinstance(item, tuple) else item for item in result]
    return result


def window_views(env: Any, values: Mapping[str, Any]) -> list[list[Any]]:
    """``[[view_id or False, type], ...]`` of a window action, in ``view_mode`` order."""
    existing = values.get("views")
    if isinstance(existing, list) and existing:
        return [[view[0] or False, "list" if view[1] == "tree" else view[1]] for view in existing]
    modes = [mode.strip() for mode in (values.get("view_mode") or "list,form").split(",") if mode.strip()]
    views = [[False, "list" if mode == "tree" else mode] for mode in modes]
    view = values.get("view_id")
    if view:
        view_id = view[0] if isinstance(view, list) else view
        view_type = env["ir.ui.view"].browse(view_id).read(["type"])[0]["type"]
        view_type = "list" if view_type == "tree" else view_type
        for item in views:
            if item[1] == view_type:
                item[0] = view_id
    return views
