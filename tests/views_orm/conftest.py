"""Fixtures of the ir.ui.view / get_views / actions / menus tests.

The chain of test addons (tests/addons/test_views_a, _b, _c) is installed by
marking tests ``@pytest.mark.addons("test_views_c")``: a defines
test.views.order and its views, b extends them, c extends b's extension and
a's form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from lxml import etree


@pytest.fixture
def user_env(env: Any) -> Callable[..., Any]:
    """``user_env("base.group_user", ...)``: an environment of a new user in those groups (not superuser)."""

    def make(*groups: str, login: str = "viewer") -> Any:
        ids = [env.ref(xmlid).id for xmlid in groups]
        user = env["res.users"].create({"name": login.title(), "login": login, "groups_id": [(6, 0, ids)]})
        return env(user=user.id, su=False)

    return make


@pytest.fixture
def combined(env: Any) -> Callable[[str], etree._Element]:
    """``combined("module.view")``: the view's combined arch for the env's user, before node stripping."""

    def combine(xmlid: str) -> etree._Element:
        view = env.ref(xmlid)
        return env["ir.ui.view"]._user_arch(view.model, view.id, view.type)[1]

    return combine
