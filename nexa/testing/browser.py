"""Browser tests: a headless Chromium driven by Playwright (sync API), against the live server.

Load it from a ``conftest.py`` (it is not registered as a pytest11 plugin, so test
runs without a browser do not start one)::

    pytest_plugins = ["nexa.testing.plugin", "nexa.testing.browser"]

    def test_login(page, rpc_database):
        log_in(page, rpc_database)
        page.get_by_role("link", name="Contacts").click()

Fixtures:

* ``browser`` (session): Debian's Chromium (``/usr/bin/chromium``, or ``NEXA_CHROMIUM``),
  with flags that keep it off the network: Playwright never downloads a browser here;
* ``page``: a fresh context and page on the ``live_server`` (``page.goto("/web")``), 1280×800,
  English, UTC; the test fails when the page raised a JavaScript error;
* ``artifacts``: the folder screenshots go to: ``webclient/`` in ``NEXA_TEST_ARTIFACTS`` (default
  ``test-artifacts/`` at the repository root).

Helpers: :func:`log_in`, :func:`submit_login_form`, :func:`accessibility_violations` (axe-core, WCAG 2.1 AA) and
:func:`screenshot`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("NEXA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # without this Chromium still looks up Google hosts; with it, only the loopback server resolves
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
AXE_SCRIPT = REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session (a test gets its own context through ``page``)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"No Chromium at {CHROMIUM}: install it with 'apt-get install -y chromium' "
                           "(never 'playwright install': it downloads a browser) or set NEXA_CHROMIUM")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A page of a new browser context on the live server; JavaScript errors fail the test."""
    context = browser.new_context(base_url=live_server, viewport=VIEWPORT, locale="en-US", timezone_id="UTC",
                                  accept_downloads=True)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    if errors:
        pytest.fail("JavaScript errors on the page:\n" + "\n".join(errors))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots of the browser tests are saved (shown in docs/webclient.md)."""
    folder = Path(os.environ.get("NEXA_TEST_ARTIFACTS") or REPOSITORY / "test-artifacts") / "webclient"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_in(page: Any, database: str, login: str = "admin", password: str = "admin", *,
           start: str = "/web/login", target: str | None = None) -> None:
    """Log in through the login form at ``start`` (choosing ``database`` when several are offered).

    ``target`` (``"/web#action=..."``): where the client opens after the login. Waits until it has started.
    """
    if target is not None:
        from urllib.parse import quote

        start = f"/web/login?redirect={quote(target, safe='/')}"
    page.goto(start)
    submit_login_form(page, database, login, password)
    page.wait_for_selector("body.o-ready")


def submit_login_form(page: Any, database: str, login: str, password: str) -> None:
    """Fill the login form on the page (the database too, when the form asks for it) and submit it."""
    selector = page.locator("#login-db")
    if selector.count():
        if selector.evaluate("element => element.tagName") == "SELECT":
            selector.select_option(database)
        else:
            selector.fill(database)
    page.get_by_label("Email or login").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def screenshot(page: Any, folder: Path, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG of the page as ``<folder>/<name>.png`` and return its path."""
    path = folder / f"{name}.png"
    if full_page:
        page.evaluate("window.scrollTo(0, 0)")  # sticky bars are drawn where the scroll left them
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path


def accessibility_violations(page: Any, *, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict[str, Any]]:
    """The axe-core (WCAG 2.1 A and AA rules) violations of the page with one of ``impacts``.

    axe is evaluated in the page from ``node_modules`` (``npm ci`` installs it): the
    page's Content-Security-Policy forbids adding a script tag, not evaluating code
    through the DevTools protocol.
    """
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"axe-core is missing ({AXE_SCRIPT}): run 'npm ci' at the repository root")
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [{"id": violation["id"], "impact": violation["impact"], "help": violation["help"],
             "targets": [node["target"] for node in violation["nodes"]][:5]}
            for violation in result["violations"] if violation["impact"] in impacts]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """A readable listing of violations, for assertion messages."""
    return json.dumps(violations, indent=2)
