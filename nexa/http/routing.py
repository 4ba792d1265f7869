"""Routes as data: what addons return from the ``nexa_http_routes`` hook.

    from nexa.hooks import hookimpl
    from nexa.http.routing import Route

    @hookimpl
    def nexa_http_routes():
        return [Route("/hello/<name>", hello, methods=("GET",))]

``type="json"`` routes receive the ``params`` of a JSON-RPC envelope as keyword
arguments and return a value the codec serialises; ``type="http"`` routes
return a werkzeug Response (or a string). ``auth="user"`` requires a logged-in
session; ``csrf=True`` (the default for ``http`` routes) checks the session's
token on POST; ``session=False`` serves without loading the session at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

AUTH_MODES = ("none", "public", "user")
ROUTE_TYPES = ("http", "json")


@dataclass(frozen=True)
class Route:
    """One URL rule and the function serving it."""

    path: str
    endpoint: Callable[..., Any]
    methods: tuple[str, ...] = ("GET", "POST")
    type: str = "http"
    auth: str = "none"
    csrf: bool = True
    #: False for routes that never look at the session (static files): none is loaded or saved, so
    #: the answer costs no database query and carries no cookie (cacheable by any proxy)
    session: bool = True

    def __post_init__(self) -> None:
        if self.type not in ROUTE_TYPES:
            raise ValueError(f"Route {self.path}: type must be one of {ROUTE_TYPES}, got {self.type!r}")
        if self.auth not in AUTH_MODES:
            raise ValueError(f"Route {self.path}: auth must be one of {AUTH_MODES}, got {self.auth!r}")
