"""Broken test addon: its nexa_post_install takes an argument the hookspec does not have."""

from __future__ import annotations

from typing import Any

from nexa.hooks import hookimpl


@hookimpl
def nexa_post_install(env: Any, registry: Any) -> None:
    env["ir.config_parameter"].set_param("bad_hook.ran", True)
