"""What the web client's HTML shell loads: style sheets and JavaScript modules, version-pinned.

There is no build step: the browser loads the ES modules as they are. To keep the
first load fast, the shell announces the modules the entry point imports (directly
or not) with ``<link rel="modulepreload">``, so the browser fetches them in parallel
instead of discovering the imports one level at a time. Modules the client loads
later with ``import()`` (the form and kanban views, the field widgets) are left out:
the first screen does not wait for them.

Every URL the shell names carries its file's version (``?v=<etag>``, see
:func:`nexa.http.static.static_etag`), which the static route answers with a
one-year immutable cache: a second load asks for no file at all. Modules import
each other by relative URLs, which cannot carry a version, so the shell also holds
an *import map* sending each module's plain URL to its versioned one (for static
and dynamic imports alike). The style sheets of the bundle come as one file
(:mod:`.style_bundle`).

Addons add style sheets (and entry modules) to the client through the
``web.assets_backend`` bundle of their manifest (file names or glob patterns,
relative to the addon folder, under ``static/``)::

    assets:
      web.assets_backend:
        - static/src/css/*.css
        - static/src/my_widget.js
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from nexa.http.static import STATIC_FOLDER, static_etag

BUNDLE = "web.assets_backend"
WEB = "web"
ENTRY = "static/src/main.js"
BOOT = "static/src/boot.js"
#: ``import x from "./a.js"``, ``import "./b.js"``, ``export {y} from "./c.js"``: static imports only
STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^"'()]*?["'](\.{1,2}/[^"']+\.js)["']""", re.MULTILINE)


SOURCES = "static/src"


@dataclass(frozen=True)
class ShellAssets:
    """URLs the shell lists (all version-pinned): style sheets, modules to preload, entry points, the import map."""

    styles: tuple[str, ...]
    preload: tuple[str, ...]
    entry: str
    boot: str
    scripts: tuple[str, ...]
    import_map: str  # the JSON of ``<script type="importmap">``, safe to put inside the element

    @property
    def import_map_hash(self) -> str:
        """The CSP source (``'sha256-...'``) allowing the inline import map and nothing else."""
        digest = base64.b64encode(hashlib.sha256(self.import_map.encode("utf-8")).digest()).decode("ascii")
        return f"'sha256-{digest}'"


def bundle_files(addon: str, root: Path, patterns: Iterable[str]) -> list[tuple[str, Path]]:
    """``(url path, file)`` of the files a bundle's patterns match, in pattern then name order, once each."""
    seen: set[Path] = set()
    found = []
    for pattern in patterns:
        if not pattern.startswith(f"{STATIC_FOLDER}/") or ".." in pattern.split("/"):
            continue  # only static files can be served; manifests are checked elsewhere
        for path in sorted(root.glob(pattern)):
            if path.is_file() and path not in seen:
                seen.add(path)
                found.append((f"/{addon}/{path.relative_to(root).as_posix()}", path))
    return found


def static_imports(root: Path, entry: str = ENTRY) -> list[str]:
    """The modules ``entry`` imports statically, directly or not (paths relative to ``root``), entry first."""
    order: list[str] = []
    todo = [entry]
    while todo:
        name = todo.pop(0)
        path = root / name
        if name in order or not path.is_file():
            continue
        order.append(name)
        for relative in STATIC_IMPORT.findall(path.read_text(encoding="utf-8")):
            target = PurePosixPath(name).parent / relative
            parts: list[str] = []
            for part in target.parts:
                if part == "..":
                    if parts:
                        parts.pop()
                elif part != ".":
                    parts.append(part)
            todo.append("/".join(parts))
    return order


def versioned(addon: str, root: Path, relative: str) -> str:
    """The URL of ``relative`` (a path under the addon folder, ``static/...``) pinned to its current version."""
    inside_static = PurePosixPath(relative).relative_to(STATIC_FOLDER).as_posix()
    return f"/{addon}/{relative}?v={static_etag(root, inside_static)}"


def module_map(addon: str, root: Path) -> dict[str, str]:
    """``{plain URL: versioned URL}`` of every JavaScript module under the addon's ``static/src``."""
    sources = root / SOURCES
    found = sorted(path.relative_to(root).as_posix() for path in sources.rglob("*.js")) if sources.is_dir() else []
    return {f"/{addon}/{name}": versioned(addon, root, name) for name in found
            if not any(part.startswith(".") for part in name.split("/"))}


def web_modules(root: Path) -> list[str]:
    """URLs of the modules of the first screen, the entry point's static imports (boot.js is a classic script)."""
    return [f"/{WEB}/{name}" for name in static_imports(root)]


def shell_assets(addons: Mapping[str, Any], installed: Iterable[str]) -> ShellAssets:
    """The assets of the shell for a database whose installed addons are ``installed`` (in load order).

    ``addons`` maps addon names to their :class:`~nexa.modules.discovery.AddonInfo`. The web addon's
    own bundle always comes first, whether or not the database has it installed.
    """
    from .style_bundle import bundle_url

    order = [WEB, *(name for name in installed if name != WEB)]
    scripts: list[str] = []
    modules: dict[str, str] = {}
    with_styles: list[str] = []
    for name in order:
        info = addons.get(name)
        if info is None:
            continue
        root = Path(info.path)
        files = bundle_files(name, root, info.manifest.assets.get(BUNDLE, ()))
        if any(path.suffix == ".css" for _url, path in files):
            with_styles.append(name)
        modules.update(module_map(name, root))
        for url, path in files:
            if path.suffix == ".js" and name != WEB:
                relative = path.relative_to(root).as_posix()
                modules.setdefault(url, versioned(name, root, relative))
                scripts.append(modules[url])
    web_info = addons.get(WEB)
    preload = [modules.get(url, url) for url in web_modules(Path(web_info.path))] if web_info is not None else []
    styles = (bundle_url(addons, with_styles),) if with_styles else ()
    entry, boot = f"/{WEB}/{ENTRY}", f"/{WEB}/{BOOT}"
    import_map = json.dumps({"imports": modules}, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")
    return ShellAssets(styles, tuple(preload), modules.get(entry, entry), modules.get(boot, boot),
                       tuple(scripts), import_map)
