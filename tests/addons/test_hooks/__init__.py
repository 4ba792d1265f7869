"""Test addon: the four lifecycle hooks, each leaving a trace the tests can read.

``nexa_uninstall`` writes a system parameter rather than a log line, because the
log model disappears with the addon.
"""

from __future__ import annotations

from typing import Any

from nexa.hooks import hookimpl

from . import models  # noqa: F401


@hookimpl
def nexa_pre_install(env: Any) -> None:
    data_loaded = bool(env.ref("test_hooks.log_from_data", raise_if_not_found=False))
    env["test.hook.log"].create({"name": "pre_install", "note": f"data loaded: {data_loaded}"})


@hookimpl
def nexa_post_install(env: Any) -> None:
    data_loaded = bool(env.ref("test_hooks.log_from_data", raise_if_not_found=False))
    env["test.hook.log"].create({"name": "post_install", "note": f"data loaded: {data_loaded}"})


@hookimpl
def nexa_post_upgrade(env: Any, previous_version: str) -> None:
    env["test.hook.log"].create({"name": "post_upgrade", "note": f"from {previous_version}"})


@hookimpl
def nexa_uninstall(env: Any) -> None:
    count = env["test.hook.log"].search_count([])
    env["ir.config_parameter"].set_param("test_hooks.uninstalled_with_logs", count)
