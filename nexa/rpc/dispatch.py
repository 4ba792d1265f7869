"""The one place that decides what RPC may call on a model, and how (Odoo's ``call_kw``).

* names starting with ``_``, ``init``, recordset plumbing (``sudo``,
  ``with_context``...) and methods marked ``@api.private`` are refused with an
  AccessError; a missing method is an AttributeError naming model and method;
* ``context`` is popped from the keyword arguments (a ``uid`` inside it is
  ignored: identity only comes from the verified credentials); its
  ``allowed_company_ids`` must be companies the user belongs to;
* ``@api.model`` methods get every positional argument; other methods take the
  record ids as first argument;
* legacy call shapes some clients still send are accepted: a context passed as
  the last positional argument, and the trailing ``count=False`` of ``search``;
* results are made wire-safe: ``create`` of a dict returns an id, recordsets
  become ids (``copy`` of one record returns its id), ``None`` becomes False.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Mapping
from typing import Any

from nexa.exceptions import AccessError, ValidationError
from nexa.orm.api import method_kind

PRIVATE = re.compile(r"^(_.*|init)$")

#: Public names of recordset plumbing: useful in server code, meaningless or unsafe over RPC.
NOT_CALLABLE = frozenset({
    "sudo", "with_user", "with_context", "with_env", "browse", "mapped", "filtered", "filtered_domain",
    "sorted", "ensure_one", "ensure_exists", "union", "ids", "env", "check_access_rights", "with_delay",
})


def check_method_name(model: str, name: str) -> None:
    """Refuse private and plumbing names before anything is looked up."""
    if not isinstance(name, str) or PRIVATE.match(name) or name in NOT_CALLABLE:
        raise AccessError(f"Private methods (such as {name}) cannot be called remotely.", model=model)


def resolve_method(records: Any, name: str) -> Any:
    """The bound method ``name`` of ``records``, or an AttributeError naming it."""
    check_method_name(records._name, name)
    attribute = inspect.getattr_static(type(records), name, None)
    if attribute is None or not callable(attribute) or isinstance(attribute, type):
        raise AttributeError(f"The method '{name}' does not exist on the model '{records._name}'")
    if getattr(attribute, "_api_private", False):
        raise AccessError(f"Method '{name}' of model '{records._name}' cannot be called remotely.",
                          model=records._name)
    return getattr(records, name)


def split_context(kwargs: Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(kwargs without context, context)``; both must be dicts (see :func:`clean_context`)."""
    if kwargs is None:
        kwargs = {}
    if not isinstance(kwargs, Mapping):
        raise ValidationError(f"The keyword arguments (kwargs) must be a dict (a JSON object, an XML-RPC "
                              f"struct), got {kwargs!r}", value=kwargs)
    kwargs = dict(kwargs)
    return kwargs, clean_context(kwargs.pop("context", None) or {})


def clean_context(context: Any) -> dict[str, Any]:
    """The context a client sent, without ``uid``; ``allowed_company_ids`` must be a list of ids.

    odoorpc puts the caller's ``uid`` in every context (reference G23): it is
    dropped, the identity comes only from the verified credentials.
    """
    if not isinstance(context, Mapping):
        raise ValidationError(f"The context must be a dict, got {context!r}", value=context)
    companies = context.get("allowed_company_ids")
    if companies is not None and (not isinstance(companies, (list, tuple)) or not all(
            isinstance(company, int) and not isinstance(company, bool) for company in companies)):
        raise ValidationError(f"allowed_company_ids in the context must be a list of company ids, got "
                              f"{companies!r}", value=companies)
    return {key: value for key, value in context.items() if key != "uid"}


def check_allowed_companies(env: Any) -> None:
    """Refuse a context whose ``allowed_company_ids`` names a company the user does not belong to.

    Records created in the call default to the first of these companies, so a
    client must not be able to pick one it has no access to.
    """
    if env.context.get("allowed_company_ids") and not env.su:
        env.companies  # noqa: B018 - the property raises AccessError for companies not allowed


@functools.lru_cache(maxsize=4096)
def _function_signature(function: Any) -> inspect.Signature:
    return inspect.signature(function)


def signature_of(function: Any) -> inspect.Signature:
    """``inspect.signature(function)``, computed once per function: RPC asks for it on every call."""
    underlying = getattr(function, "__func__", None)
    if underlying is not None and getattr(function, "__self__", None) is not None:
        signature = _function_signature(underlying)  # a bound method: the function's, without its first parameter
        return signature.replace(parameters=list(signature.parameters.values())[1:])
    return _function_signature(function)


def _positional_capacity(method: Any) -> tuple[int | None, list[inspect.Parameter]]:
    """How many positional arguments ``method`` accepts (None: unlimited) and its parameters."""
    parameters = list(signature_of(method).parameters.values())
    if any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return None, parameters
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional), positional


def adapt_legacy_arguments(method: Any, args: list[Any]) -> tuple[list[Any], dict[str, Any]]:
    """Pull a positional context out of ``args`` and drop surplus trailing ``False`` (old ``count``)."""
    capacity, parameters = _positional_capacity(method)
    context: dict[str, Any] = {}
    if args and isinstance(args[-1], Mapping):
        position = len(args) - 1
        beyond = capacity is not None and position >= capacity
        scalar_slot = capacity is not None and position < capacity and \
            parameters[position].default not in (inspect.Parameter.empty, None) and \
            not isinstance(parameters[position].default, (dict, list))
        if beyond or scalar_slot:
            context = dict(args.pop())
    while capacity is not None and len(args) > capacity and args[-1] in (False, None):
        args.pop()
    return args, context


def call_kw(model: Any, method_name: str, args: Any, kwargs: Mapping[str, Any] | None) -> Any:
    """Call ``method_name`` of ``model`` (an empty recordset) as Odoo's RPC does; return a wire-safe result."""
    if not isinstance(args, (list, tuple)):
        raise ValidationError(f"The arguments of {model._name}.{method_name} must be a list, got {args!r}",
                              value=args)
    args = list(args)
    kwargs, context = split_context(kwargs)
    probe = resolve_method(model, method_name)
    kind = method_kind(probe)
    if kind == "records":
        if not args:
            raise ValidationError(f"Method {model._name}.{method_name} works on records: pass their ids as "
                                  "first argument", model=model._name)
        ids = args.pop(0)
        records = model.browse([ids] if isinstance(ids, int) else ids or [])
    else:
        records = model
    args, legacy_context = adapt_legacy_arguments(probe, args)
    # on top of the environment's context: a /web/dataset/call_kw session's lang, tz... stay
    records = records.with_context(clean_context({**records.env.context, **legacy_context, **context}))
    check_allowed_companies(records.env)
    method = getattr(records, method_name)
    result = method(*args, **kwargs)
    return _result(model, method_name, kind, args, result)


def _result(model: Any, method_name: str, kind: str, args: list[Any], result: Any) -> Any:
    is_recordset = hasattr(result, "_ids") and hasattr(result, "_name")
    if kind == "model_create" and is_recordset:
        return result.id if args and isinstance(args[0], Mapping) else list(result._ids)
    if method_name == "copy" and is_recordset and len(result._ids) == 1:
        return result.id
    if is_recordset:
        return list(result._ids)
    if result is None:
        return False
    return result
