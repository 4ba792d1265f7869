"""CSRF protection for form posts from the browser.

* A logged-in session keeps a random ``csrf_token``; every state-changing
  ``type="http"`` request must send it back (form field ``csrf_token`` or header
  ``X-CSRF-Token``).
* Before login there is no server-side session: the login form uses a
  double-submit cookie (``nexa_csrf``), which a cross-site page can neither read
  nor set. A browser that already holds the cookie keeps its token (every login
  form it shows carries the same one), so a login tab opened earlier still
  works after another tab loaded the form again.

JSON routes are protected differently, as in Odoo: they require the
``application/json`` content type, which a cross-site form cannot send and a
cross-site script cannot send without a CORS preflight Nexa never approves, and
the session cookie is ``SameSite=Lax``.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Mapping
from typing import Any

from nexa.exceptions import AccessError

ANONYMOUS_COOKIE = "nexa_csrf"
HEADER = "X-CSRF-Token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: What :func:`secrets.token_urlsafe` makes; a cookie of any other shape is replaced, never echoed.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,128}")


def session_token(session: Any, cookies: Mapping[str, str] | None = None) -> str:
    """The CSRF token of a session (or, before login, of the anonymous cookie), made on first use.

    Before login, pass the request's ``cookies``: the browser's existing anonymous
    token is reused rather than replaced, since replacing it would invalidate the
    login forms of the browser's other tabs (the cookie is shared, the forms are not).
    """
    if session.uid:
        if not session.get(FIELD):
            session[FIELD] = secrets.token_urlsafe(32)
        return session[FIELD]
    if not session.get("anonymous_csrf"):
        existing = str((cookies or {}).get(ANONYMOUS_COOKIE) or "")
        session["anonymous_csrf"] = existing if TOKEN_SHAPE.fullmatch(existing) else secrets.token_urlsafe(32)
    return session["anonymous_csrf"]


def check(request: Any) -> None:
    """Refuse a state-changing request whose CSRF token is missing or wrong."""
    if request.method in SAFE_METHODS:
        return
    sent = request.form.get(FIELD) or request.headers.get(HEADER) or ""
    session = request.session
    if session.uid:
        expected = session.get(FIELD) or ""
    else:
        expected = request.cookies.get(ANONYMOUS_COOKIE) or ""
    if not expected or not sent or not hmac.compare_digest(str(sent), str(expected)):
        raise AccessError("Invalid or missing CSRF token: reload the page and try again")
