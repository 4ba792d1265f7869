"""What the web client's HTML shell loads: style sheets and JavaScript modules.

There is no build step: the browser loads the ES modules as they are. To keep the
first load fast, the shell announces the modules the entry point imports (directly
or not) with ``<link rel="modulepreload">``, so the browser fetches them in parallel
instead of discovering the imports one level at a time. Modules the client loads
later with ``import()`` (the form and kanban views, the field widgets) are left out:
the first screen does not wait for them.

Addons add style sheets (and entry modules) to the client through the
``web.assets_backend`` bundle of their manifest (file names or glob patterns,
relative to the addon folder, under ``static/``)::

    assets:
      web.assets_backend:
        - static/src/css/*.css
        - static/src/my_widget.js
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class ShellAssets:
    """URLs the shell lists: style sheets (version-pinned), modules to preload, the entry points."""

    styles: tuple[str, ...]
    preload: tuple[str, ...]
    entry: str
    boot: str
    scripts: tuple[str, ...]


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


def web_modules(root: Path) -> list[str]:
    """URLs of the modules of the first screen: what boot.js imports first (it runs early), then the client's."""
    boot = [name for name in static_imports(root, BOOT) if name != BOOT]
    client = [name for name in static_imports(root) if name not in boot]
    return [f"/{WEB}/{name}" for name in [*boot, *client]]


def shell_assets(addons: Mapping[str, Any], installed: Iterable[str]) -> ShellAssets:
    """The assets of the shell for a database whose installed addons are ``installed`` (in load order).

    ``addons`` maps addon names to their :class:`~nexa.modules.discovery.AddonInfo`. The web addon's
    own bundle always comes first, whether or not the database has it installed.
    """
    order = [WEB, *(name for name in installed if name != WEB)]
    styles: list[str] = []
    scripts: list[str] = []
    for name in order:
        info = addons.get(name)
        if info is None:
            continue
        root = Path(info.path)
        for url, path in bundle_files(name, root, info.manifest.assets.get(BUNDLE, ())):
            if path.suffix == ".css":
                styles.append(f"{url}?v={static_etag(root, path.relative_to(root / STATIC_FOLDER).as_posix())}")
            elif path.suffix == ".js" and name != WEB:
                scripts.append(url)
    web_info = addons.get(WEB)
    preload = web_modules(Path(web_info.path)) if web_info is not None else []
    return ShellAssets(tuple(styles), tuple(preload), f"/{WEB}/{ENTRY}", f"/{WEB}/{BOOT}", tuple(scripts))
