"""``/web/action/boot``: an action with the views and fields of its first screen, in one call.

On a first load the client needs, before it can ask for any record, the action the
URL names, then that action's views (``get_views``) and its model's fields
(``fields_get``): two calls, one after the other. ``boot.js`` asks this route
instead, while the client's modules are still downloading::

    POST /web/action/boot  {"params": {"action_id": "sale.action_orders"}}
    {"result": {"action": {...as /web/action/load...},
                "views": [[false, "list"], [false, "form"], [12, "search"]],
                "get_views": {...get_views's answer...}, "fields": {...fields_get's answer...}}}

``views`` is what ``webclient/view_requests.js`` asks for (:func:`view_requests`
mirrors it; a test checks that both agree), so the client finds the answer under
the key it computes. An action the user may not open fails as ``/web/action/load``
does; when the views cannot be read (no right on the model...), the answer has
the action only and the client's own calls report the error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nexa.db.transaction import retrying
from nexa.exceptions import NexaError
from nexa.orm.env import Environment

from .actions import WINDOW, action_values

#: ``VIEW_TYPES`` of view_requests.js: the views the client shows for a window action
VIEW_TYPES = ("list", "kanban", "form")
#: ``FIELD_ATTRIBUTES`` of view_requests.js: what the client needs of every field
FIELD_ATTRIBUTES = ["type", "string", "store", "groupable", "sortable", "selection", "relation", "readonly"]


def view_requests(action: Mapping[str, Any]) -> list[list[Any]]:
    """``[[view_id or False, type], ...]``: the action's client views in its order, a form always, search last."""
    views = [[view_id or False, "list" if kind == "tree" else kind]
             for view_id, kind in (action.get("views") or [[False, "list"], [False, "form"]])]
    views = [view for view in views if view[1] in VIEW_TYPES]
    if not any(kind == "form" for _view_id, kind in views):
        views.append([False, "form"])
    search = action.get("search_view_id")
    search_id = search[0] if isinstance(search, (list, tuple)) and search else search
    return [*views, [search_id or False, "search"]]


def boot_action(request: Any, action_id: Any, additional_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The action, and for a window action opened in the main area its views and fields (see the module)."""
    session = request.session
    database = request.app.runtime.database(session.db)
    user_context = dict(session.get("context") or {})
    extra = dict(additional_context or {})

    def work(tx: Any) -> dict[str, Any]:
        env = Environment(tx, session.uid, user_context, su=False)
        action = action_values(env, action_id, extra)
        result: dict[str, Any] = {"action": action}
        if action.get("type") != WINDOW or action.get("target") == "new" or not action.get("res_model"):
            return result
        views = view_requests(action)
        action_context = action.get("context") if isinstance(action.get("context"), dict) else {}
        try:
            model = env[action["res_model"]]
            descriptions = model.with_context(**action_context).get_views(
                views, {"action_id": action.get("id") or False, "load_filters": False, "toolbar": False})
            fields = model.fields_get(attributes=FIELD_ATTRIBUTES)
        except NexaError:
            return result  # the client asks again by itself and shows the error where it belongs
        return {**result, "views": views, "get_views": descriptions, "fields": fields}

    return retrying(database, work)
