"""The exceptions Nexa raises, each carrying what it is about.

Every error names the thing that was wrong (the addon, the model, the field, the
value) so that the message alone tells the user what to fix. The attributes are
also kept separately, so callers (the RPC layer, the tests) can inspect them
without parsing text.

Two families:

* *user-facing* errors (``UserError`` and its children) are raised by business
  code and shown to end users; the RPC layer maps them to Odoo's exception names
  so existing clients handle them;
* *definition* errors (``AddonError``, ``ModelDefinitionError``, ``ConfigError``)
  are raised while an administrator installs addons or starts the server.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


class NexaError(Exception):
    """Base class of every error raised on purpose by Nexa."""

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = {key: value for key, value in details.items() if value is not None}

    def __str__(self) -> str:
        return self.message


def did_you_mean(
    word: object,
    candidates: Iterable[object],
    *,
    cutoff: float = 0.6,
    bare: bool = False,
    otherwise: str = "",
    list_known: int = 0,
) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or '' when none is close enough.

    The hint every "unknown name" error ends with. ``cutoff`` is difflib's
    similarity threshold. ``bare=True`` drops the leading space and the
    parentheses (``did you mean 'x'?``), for a :class:`~nexa.problems.Problem`
    hint or a message that puts the hint after a colon. When nothing is close the
    result is ``otherwise``, or with ``list_known=N`` ``known: a, b, ...`` naming
    the first N candidates in sorted order.
    """
    names = [str(candidate) for candidate in candidates]
    close = difflib.get_close_matches(str(word), names, n=1, cutoff=cutoff)
    if close:
        return f"did you mean {close[0]!r}?" if bare else f" (did you mean {close[0]!r}?)"
    if list_known:
        return f"known: {', '.join(sorted(names)[:list_known])}"
    return otherwise


class UserError(NexaError):
    """An error a user can understand and fix (bad input, forbidden action)."""

    odoo_name = "odoo.exceptions.UserError"

    def __init__(
        self,
        message: str,
        *,
        model: str | None = None,
        field: str | None = None,
        value: Any = None,
        record_ids: list[int] | None = None,
    ) -> None:
        super().__init__(message, model=model, field=field, value=value, record_ids=record_ids)
        self.model = model
        self.field = field
        self.value = value
        self.record_ids = record_ids


class ValidationError(UserError):
    """A value or a record breaks a rule: wrong type, constraint, required field."""

    odoo_name = "odoo.exceptions.ValidationError"


class AccessError(UserError):
    """The user's groups do not allow this operation on these records or fields."""

    odoo_name = "odoo.exceptions.AccessError"


class AccessDenied(UserError):
    """Authentication failed: unknown login, wrong password or API key."""

    odoo_name = "odoo.exceptions.AccessDenied"

    def __init__(self, message: str = "Access Denied") -> None:
        super().__init__(message)


class MissingError(UserError):
    """Records that were asked for do not exist (any more)."""

    odoo_name = "odoo.exceptions.MissingError"


class ConflictError(UserError):
    """A concurrent write changed the same fields since the client read them.

    ``conflicts`` maps each field name to ``{"old": ..., "theirs": ..., "mine": ...}``.
    """

    odoo_name = "nexa.exceptions.ConflictError"

    def __init__(self, message: str, *, model: str, record_ids: list[int], conflicts: dict) -> None:
        super().__init__(message, model=model, record_ids=record_ids)
        self.conflicts = conflicts
        self.details["conflicts"] = conflicts


class DomainError(ValidationError):
    """A search domain is malformed or names an unknown field or operator."""


class ConfigError(NexaError):
    """The configuration (file, environment, command line) is invalid."""


class DatabaseError(NexaError):
    """A database cannot be created, found, opened or dropped."""


class AddonError(NexaError):
    """An addon cannot be found, loaded, installed, upgraded or uninstalled."""

    def __init__(self, message: str, *, addon: str | None = None, key: str | None = None) -> None:
        super().__init__(message, addon=addon, key=key)
        self.addon = addon
        self.key = key


class ManifestError(AddonError):
    """An addon's manifest.yaml is malformed (unknown key, wrong type)."""


class DependencyError(AddonError):
    """Addon dependencies cannot be satisfied (missing addon, cycle, missing package)."""


class ModelDefinitionError(NexaError):
    """A model or field declaration is invalid (unknown type, unknown parent model)."""

    def __init__(
        self,
        message: str,
        *,
        addon: str | None = None,
        model: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, addon=addon, model=model, field=field)
        self.addon = addon
        self.model = model
        self.field = field


class DataFileError(AddonError):
    """A data file (XML or CSV) of an addon cannot be loaded."""

    def __init__(
        self,
        message: str,
        *,
        addon: str | None = None,
        file: str | None = None,
        line: int | None = None,
        model: str | None = None,
        field: str | None = None,
    ) -> None:
        location = f"{file}:{line}" if file and line else file
        super().__init__(f"{location}: {message}" if location else message, addon=addon)
        self.file = file
        self.line = line
        self.model = model
        self.field = field
        self.details.update({k: v for k, v in (("file", file), ("line", line),
                                               ("model", model), ("field", field)) if v})
