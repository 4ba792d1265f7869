"""Decorators addon authors put on model methods.

* ``@api.model``: the method works on the model, not on records; over RPC no ids
  are passed (``search``, ``create``, ``default_get`` ...).
* ``@api.model_create_multi``: like ``model``, for ``create`` taking a list of dicts.
* ``@api.depends("a", "b.c")``: the fields a compute method reads.
* ``@api.constrains("a", "b")``: a check run after create/write changed these fields.
* ``@api.onchange("a")``: run in the form view when the user edits ``a``.
* ``@api.private``: never callable over RPC even without a leading underscore.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def model(method: F) -> F:
    """Mark ``method`` as model-level: RPC calls pass no record ids."""
    method._api = "model"  # type: ignore[attr-defined]
    return method


def model_create_multi(method: F) -> F:
    """Mark ``create`` as taking a list of value dicts (a single dict is wrapped)."""
    method._api = "model_create"  # type: ignore[attr-defined]
    return method


def private(method: F) -> F:
    """Refuse RPC calls of ``method`` even though its name is public."""
    method._api_private = True  # type: ignore[attr-defined]
    return method


def depends(*fields: str | Callable[..., Any]) -> Callable[[F], F]:
    """Declare the fields a compute method depends on (dotted paths allowed)."""

    def decorate(method: F) -> F:
        method._depends = fields  # type: ignore[attr-defined]
        return method

    return decorate


def depends_context(*keys: str) -> Callable[[F], F]:
    """Declare the context keys a non-stored compute method depends on."""

    def decorate(method: F) -> F:
        method._depends_context = keys  # type: ignore[attr-defined]
        return method

    return decorate


def constrains(*fields: str) -> Callable[[F], F]:
    """Run the decorated check when any of ``fields`` is set by create or write."""

    def decorate(method: F) -> F:
        method._constrains = fields  # type: ignore[attr-defined]
        return method

    return decorate


def onchange(*fields: str) -> Callable[[F], F]:
    """Run the decorated method in forms when the user changes one of ``fields``."""

    def decorate(method: F) -> F:
        method._onchange = fields  # type: ignore[attr-defined]
        return method

    return decorate


def method_kind(method: Any) -> str:
    """``"model"``, ``"model_create"`` or ``"records"``: how RPC passes ids to ``method``."""
    return getattr(method, "_api", "records")
