"""Static files of addons: ``GET /<addon>/static/<path>`` from the addon's ``static/`` folder.

Every addon found on the addons path may serve files (installed or not, as in
Odoo): the web client's JavaScript modules and style sheets, icons, fonts.
Only files inside the addon's ``static`` folder are reachable: no ``..``, no
absolute path, no hidden file or folder (``.git``), no symbolic link leading out.

Caching: a response carries an ``ETag`` and ``Last-Modified`` and
``Cache-Control: no-cache``, so browsers keep the file and revalidate it with
a cheap ``304 Not Modified`` (ES modules are imported by relative URLs, so
they cannot carry a version in their name). A URL asking for a given version,
``?v=<etag>``, is immutable and cached for a year.

    from nexa.http import static
    routes = static.routes()          # what the web addon returns from nexa_http_routes
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join
from werkzeug.utils import send_file
from werkzeug.wrappers import Response

from nexa.http.routing import Route

STATIC_FOLDER = "static"
ONE_YEAR = 365 * 24 * 3600
#: Types browsers must get right (the system's mime.types may lack or mislabel them).
MIMETYPES = {
    ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".json": "application/json",
    ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".map": "application/json",
    ".png": "image/png", ".ico": "image/x-icon", ".webp": "image/webp", ".html": "text/html",
}
#: Documents that could run scripts if opened directly: served inert.
SANDBOXED = frozenset({"image/svg+xml", "text/html"})
SANDBOX_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def resolve_static_path(addon_root: Path, path: str) -> Path:
    """The file ``path`` of the addon's static folder, or NotFound for anything outside of it."""
    root = (addon_root / STATIC_FOLDER).resolve()
    parts = path.split("/")
    if not path or any(part.startswith(".") or not part or "\\" in part for part in parts):
        raise NotFound(f"No static file {path!r}: hidden, empty or backslashed path segments are not served")
    joined = safe_join(str(root), path)
    if joined is None:
        raise NotFound(f"No static file {path!r}")
    target = Path(joined).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise NotFound(f"No static file {path!r} in {root}")
    return target


def mimetype_of(path: Path) -> str:
    """The Content-Type of a static file (JavaScript modules must be served as JavaScript)."""
    known = MIMETYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _encoding = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def serve_static(request: Any, addon: str, path: str) -> Response:
    """``GET /<addon>/static/<path>``: the file with validators, 304 when the browser's copy is current."""
    info = request.app.runtime.addons.get(addon)
    if info is None:
        raise NotFound(f"No addon {addon!r} on the addons path")
    target = resolve_static_path(Path(info.path), path)
    mimetype = mimetype_of(target)
    stat = target.stat()
    etag = f"{stat.st_mtime_ns:x}-{stat.st_size:x}"
    pinned = request.args.get("v")
    max_age = ONE_YEAR if pinned and pinned == etag else None
    response = send_file(target, request.environ, mimetype=mimetype, conditional=True, etag=etag,
                         max_age=max_age, last_modified=stat.st_mtime)
    if max_age:
        response.cache_control.immutable = True
    if mimetype in SANDBOXED:
        response.headers["Content-Security-Policy"] = SANDBOX_POLICY
    return response


def static_etag(addon_root: Path, path: str) -> str:
    """The ETag :func:`serve_static` gives a file: templates add it as ``?v=`` to pin a version."""
    stat = resolve_static_path(addon_root, path).stat()
    return f"{stat.st_mtime_ns:x}-{stat.st_size:x}"


def routes() -> list[Route]:
    """The static route, for a ``nexa_http_routes`` implementation."""
    return [Route("/<string:addon>/static/<path:path>", serve_static, methods=("GET", "HEAD"), csrf=False,
                  session=False)]
