"""The models of one database as the view engine sees them: :class:`ModelCatalog` over an environment.

:func:`nexa.views.validate.validate_view` checks archs against a small protocol
(fields of a model, public methods, existing actions) so that it can be tested
with dicts. This is the implementation over a live environment, used when
``ir.ui.view`` validates views at install/upgrade time::

    catalog = ModelCatalog(env)
    problems = validate_view(arch, model="res.partner", catalog=catalog, source="view base.partner_form")

Answers are cached for the catalog's lifetime (one validation run), and the
fields are read in superuser mode: a view may show fields some users cannot see,
that is for ``get_views`` to sort out per user.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Models holding actions a ``<button type="action">`` may run.
ACTION_MODELS = ("ir.actions.act_window", "ir.actions.server", "ir.actions.report", "ir.actions.client")
#: The model every action is also recorded in, with its id shared across action types.
ACTIONS_MODEL = "ir.actions.actions"


def is_public_method(model_class: type, name: str) -> bool:
    """Whether ``name`` is a method of ``model_class`` that views and RPC may call.

    Public means: callable, no leading underscore, not marked ``@api.private``,
    and not a field (a field is read, not called).
    """
    if not name or name.startswith("_") or name in getattr(model_class, "_fields", {}):
        return False
    method = getattr(model_class, name, None)
    return callable(method) and not getattr(method, "_api_private", False)


class ModelCatalog:
    """:class:`nexa.views.validate.ModelCatalog` over an environment (see the module docstring)."""

    def __init__(self, env: Any) -> None:
        self.env = env(su=True)
        self._fields: dict[str, Mapping[str, Mapping[str, Any]] | None] = {}
        self._actions: dict[str, bool] = {}

    def fields(self, model: str) -> Mapping[str, Mapping[str, Any]] | None:
        """``fields_get()`` of ``model``; None when the registry has no such model."""
        if model not in self._fields:
            self._fields[model] = self.env[model].fields_get() if model in self.env.registry else None
        return self._fields[model]

    def has_public_method(self, model: str, name: str) -> bool:
        """Whether a ``<button type="object" name=...>`` may call ``name`` on ``model``."""
        registry = self.env.registry
        return model in registry and is_public_method(registry[model], name)

    def action_exists(self, ref: str) -> bool:
        """Whether ``ref`` (an xmlid ``module.name`` or a database id as digits) is an existing action."""
        if ref not in self._actions:
            self._actions[ref] = resolve_action(self.env, ref) is not None
        return self._actions[ref]


def resolve_action(env: Any, ref: str | int) -> Any:
    """The action record (of its own type: act_window, server...) ``ref`` designates, or None.

    ``ref`` is an external id (``"base.action_partner_form"``; without the addon
    prefix, as addons write ``%(action_x)d`` in their own files, the first action
    of that name) or an action id (``42`` or ``"42"``: ids are shared by every
    action type, see ``ir.actions.actions``).
    """
    env = env(su=True)
    text = str(ref).strip()
    if text.isdigit():
        if ACTIONS_MODEL not in env.registry:
            return None
        index = env[ACTIONS_MODEL].browse(int(text)).exists()
        if not index or index.type not in env.registry:
            return None
        return env[index.type].browse(index.id).exists() or None
    if "ir.model.data" not in env.registry:
        return None
    if "." in text:
        found = env["ir.model.data"]._xmlid_lookup(text)
    else:  # "%(action_x)d" in the file of the addon defining action_x: the first action of that name
        entry = env["ir.model.data"].search([("name", "=", text), ("model", "in", list(ACTION_MODELS))], limit=1,
                                            order="id")
        found = (entry.model, entry.res_id) if entry else None
    if found is None or found[0] not in ACTION_MODELS or found[0] not in env.registry:
        return None
    return env[found[0]].browse(found[1]).exists() or None
