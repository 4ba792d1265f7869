"""The Environment: who is acting, in which transaction, with which context.

An environment is immutable. ``sudo()``, ``with_user()`` and ``with_context()``
return new environments sharing the same transaction and record cache. Nothing
is kept in thread-locals: the environment travels explicitly with every
recordset (``records.env``).

    >>> env = Environment(transaction, uid=1)
    >>> partners = env["res.partner"].search([("is_company", "=", True)])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from nexa.exceptions import UserError, did_you_mean

if TYPE_CHECKING:
    from nexa.db.transaction import Transaction
    from nexa.orm.models import BaseModel

SUPERUSER_ID = 1


class FrozenDict(dict):
    """A dict that refuses changes, used for contexts (hashable, safe to share)."""

    def _refuse(self, *_args: Any, **_kwargs: Any) -> None:
        raise TypeError("The context is read-only: use with_context() to get a changed one")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset((key, _freeze(value)) for key, value in self.items()))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return frozenset((k, _freeze(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


class Environment(Mapping):
    """Access to the models of one database for one user in one transaction."""

    __slots__ = ("context", "su", "transaction", "uid")

    def __init__(self, transaction: Transaction, uid: int = SUPERUSER_ID,
                 context: Mapping[str, Any] | None = None, *, su: bool = False) -> None:
        self.transaction = transaction
        self.uid = uid
        self.context = context if isinstance(context, FrozenDict) else FrozenDict(context or {})
        self.su = su

    # -- models ----------------------------------------------------------------------
    @property
    def registry(self) -> Any:
        return self.transaction.registry

    def __getitem__(self, model_name: str) -> BaseModel:
        try:
            model_class = self.registry.models[model_name]
        except KeyError:
            hint = did_you_mean(model_name, self.registry.models)
            raise UserError(f"Object {model_name} doesn't exist{hint}", model=str(model_name)) from None
        return model_class._browse(self, (), ())

    def __contains__(self, model_name: object) -> bool:
        return model_name in self.registry.models

    def __iter__(self) -> Iterator[str]:
        return iter(self.registry.models)

    def __len__(self) -> int:
        return len(self.registry.models)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Environment) and self.transaction is other.transaction
                and self.uid == other.uid and self.su == other.su and self.context == other.context)

    def __hash__(self) -> int:
        return hash((id(self.transaction), self.uid, self.su, self.context))

    # -- derived environments ----------------------------------------------------------
    def __call__(self, *, user: int | None = None, context: Mapping[str, Any] | None = None,
                 su: bool | None = None) -> Environment:
        """A copy of this environment with another user, context or superuser flag."""
        return Environment(
            self.transaction,
            self.uid if user is None else user,
            self.context if context is None else context,
            su=self.su if su is None else su,
        )

    def sudo(self, flag: bool = True) -> Environment:
        """The same environment in superuser mode (server code only: RPC never reaches it)."""
        return self(su=flag)

    # -- shortcuts -------------------------------------------------------------------
    @property
    def cache(self) -> Any:
        return self.transaction.cache

    @property
    def dialect(self) -> Any:
        return self.transaction.dialect

    @property
    def user(self) -> BaseModel:
        """The current user, as a record readable whatever the access rights."""
        return self(su=True)["res.users"].browse(self.uid)

    @property
    def lang(self) -> str:
        return self.context.get("lang") or "en_US"

    @property
    def company(self) -> BaseModel:
        """The current company: the first allowed company in context, else the user's."""
        if self.context.get("allowed_company_ids"):
            return self.companies[0]
        from nexa.security.access import user_companies

        main, _linked, _active = user_companies(self)
        return self(su=True)["res.company"].browse(main)

    @property
    def companies(self) -> BaseModel:
        """The companies the user works with now: ``allowed_company_ids`` (checked), else all of the user's.

        As in Odoo, calls without ``allowed_company_ids`` (scripts, pages that do not send it) see every
        company the user belongs to, the main one first. The user's companies are cached across
        transactions with the access rights (:func:`nexa.security.access.user_companies`).
        """
        from nexa.security.access import user_companies

        main, linked, active = user_companies(self)
        allowed = self.context.get("allowed_company_ids")
        if not allowed:
            return self(su=True)["res.company"].browse(tuple(dict.fromkeys(((main,) if main else ()) + active)))
        permitted = set(linked)
        if not self.su and not set(allowed) <= permitted:
            from nexa.exceptions import AccessError

            raise AccessError(f"Access to companies {sorted(set(allowed) - permitted)} is not allowed")
        return self(su=True)["res.company"].browse(allowed)

    def ref(self, xmlid: str, raise_if_not_found: bool = True) -> BaseModel | None:
        """The record of an external id such as ``"base.main_company"``."""
        return self["ir.model.data"]._xmlid_to_record(xmlid, raise_if_not_found=raise_if_not_found)

    def __repr__(self) -> str:
        return f"<Environment uid={self.uid}{' su' if self.su else ''} context={dict(self.context)}>"
