"""The style sheets of the ``web.assets_backend`` bundle as one response: ``GET /web/assets/<bundle>.css``.

A browser opens only six connections to a server speaking HTTP/1.1, so each file
of the first load waits for a free one, and so do the client's first calls. The
style sheets are plain text that can be joined without changing their meaning, so
the shell asks for them at once::

    /web/assets/web.assets_backend.css?addons=web,sale&v=3f1c9a0b7d2e4c11

``addons`` lists the addons whose style sheets the bundle holds, in order (the
shell names the installed ones that have any); ``v`` is a digest of the versions
of the files. A request naming the current digest is cached for a year
(immutable); any other gets ``no-cache`` and an ``ETag``, so a stale page still
gets current styles. Relative ``url(...)`` references are rewritten to absolute
paths, as the joined file is served from another folder; ``@import`` is not
supported inside bundled files (it must come first in a style sheet).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from nexa.http.static import ONE_YEAR, STATIC_FOLDER, static_etag

from .assets import BUNDLE, bundle_files

#: ``url(x)`` whose target is relative to the style sheet (not ``data:``, not absolute, not a fragment)
RELATIVE_URL = re.compile(r"""url\(\s*(['"]?)(?![a-z][a-z0-9+.-]*:|/|#)([^'")\s]+)\1\s*\)""", re.IGNORECASE)


def style_files(addons: Mapping[str, Any], names: Iterable[str]) -> list[tuple[str, Path, str]]:
    """``(url, file, version)`` of the bundle's style sheets of the addons ``names``, in order."""
    found = []
    for name in names:
        info = addons.get(name)
        if info is None:
            continue
        root = Path(info.path)
        for url, path in bundle_files(name, root, info.manifest.assets.get(BUNDLE, ())):
            if path.suffix == ".css":
                found.append((url, path, static_etag(root, path.relative_to(root / STATIC_FOLDER).as_posix())))
    return found


def bundle_digest(files: Iterable[tuple[str, Path, str]]) -> str:
    """A short digest of the files' URLs and versions: it changes whenever one of them does."""
    text = "\n".join(f"{url}:{version}" for url, _path, version in files)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def bundle_url(addons: Mapping[str, Any], names: list[str]) -> str:
    """The version-pinned URL of the bundle holding the style sheets of ``names``."""
    digest = bundle_digest(style_files(addons, names))
    return f"/web/assets/{BUNDLE}.css?addons={quote(','.join(names), safe=',')}&v={digest}"


def absolute_urls(css: str, url: str) -> str:
    """``css`` (served at ``url``) with its relative ``url(...)`` references made absolute."""
    folder = posixpath.dirname(url)

    def rewrite(match: re.Match[str]) -> str:
        quote_mark, target = match.group(1), match.group(2)
        return f"url({quote_mark}{posixpath.normpath(posixpath.join(folder, target))}{quote_mark})"

    return RELATIVE_URL.sub(rewrite, css)


def joined_styles(files: Iterable[tuple[str, Path, str]]) -> str:
    """The style sheets one after the other, each under a comment naming its file."""
    parts = [f"/* {url} */\n{absolute_urls(path.read_text(encoding='utf-8'), url)}" for url, path, _version in files]
    return "\n".join(parts)


def serve_styles(request: Any, bundle: str) -> Response:
    """``GET /web/assets/<bundle>.css?addons=...&v=...``: the joined style sheets (see the module docstring)."""
    if bundle != BUNDLE:
        raise NotFound(f"No asset bundle {bundle!r}: the web client has {BUNDLE!r}")
    available = request.app.runtime.addons
    names = list(dict.fromkeys(name for name in (request.args.get("addons") or "").split(",") if name))
    unknown = [name for name in names if name not in available]
    if unknown:
        raise NotFound(f"No addon {', '.join(unknown)} on the addons path")
    if not names:
        raise NotFound("Name the addons whose style sheets the bundle holds: ?addons=web")
    files = style_files(available, names)
    digest = bundle_digest(files)
    response = Response(joined_styles(files), mimetype="text/css")
    response.set_etag(digest)
    if request.args.get("v") == digest:
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
    else:
        response.cache_control.no_cache = True
    return response.make_conditional(request)
