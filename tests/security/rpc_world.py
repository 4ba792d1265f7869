"""The JSON-RPC client of the security suite and the ``World`` its fixtures build (see conftest.py)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import pytest

PASSWORD = "Secret pass 1"


class RpcError(Exception):
    """A JSON-RPC error object: ``name`` is the exception's dotted name (``odoo.exceptions.AccessError``)."""

    def __init__(self, name: str, message: str, status: int) -> None:
        super().__init__(f"{name}: {message}")
        self.name, self.message, self.status = name, message, status


def post_json(url: str, params: dict[str, Any], *, cookie: str | None = None) -> tuple[int, dict, Any]:
    """POST a JSON-RPC envelope; returns ``(status, body, response headers)``."""
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json",
                                                               **({"Cookie": cookie} if cookie else {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = {"raw": raw.decode("utf-8", "replace")}
        return error.code, payload, error.headers


def unwrap(status: int, payload: dict) -> Any:
    """The result of a JSON-RPC answer, or the RpcError it carries."""
    if "error" in payload:
        data = payload["error"].get("data") or {}
        raise RpcError(data.get("name", ""), data.get("message", ""), status)
    return payload["result"]


@dataclass
class Rpc:
    """``rpc(model, method, *args, **kwargs)`` as one user over ``/jsonrpc`` (``execute_kw``)."""

    url: str
    db: str
    uid: int
    password: str = PASSWORD
    context: dict[str, Any] = field(default_factory=dict)

    def __call__(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        if self.context and "context" not in kwargs:
            kwargs["context"] = self.context
        return self.service("object", "execute_kw", self.db, self.uid, self.password, model, method,
                            list(args), kwargs)

    def service(self, service: str, method: str, *args: Any) -> Any:
        return unwrap(*post_json(f"{self.url}/jsonrpc", {"service": service, "method": method,
                                                          "args": list(args)})[:2])

    def with_context(self, **context: Any) -> Rpc:
        return Rpc(self.url, self.db, self.uid, self.password, {**self.context, **context})


def refused(call: Any, *args: Any, **kwargs: Any) -> RpcError:
    """The RpcError ``call(*args, **kwargs)`` raises (fails the test when it succeeds)."""
    with pytest.raises(RpcError) as caught:
        call(*args, **kwargs)
    return caught.value


@dataclass
class World:
    """Who is who, and what exists, for one test (ids only)."""

    url: str
    db: str
    tag: str
    users: dict[str, int]
    companies: dict[str, int]
    records: dict[str, int]

    def rpc(self, who: str, **context: Any) -> Rpc:
        """A client for ``who`` working in the main company, as the web client sends it.

        Without ``allowed_company_ids`` Nexa (like Odoo) works in every company of the user; the
        tests pass the main company unless they say otherwise, so multi-company rules show.
        """
        password = "admin" if who == "admin" else PASSWORD
        context.setdefault("allowed_company_ids", [self.companies["main"]])
        return Rpc(self.url, self.db, self.users[who], password, context)

    def rpc_without_companies(self, who: str) -> Rpc:
        """A client sending no ``allowed_company_ids`` (scripts often do not)."""
        password = "admin" if who == "admin" else PASSWORD
        return Rpc(self.url, self.db, self.users[who], password, {})
