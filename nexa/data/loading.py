"""Load an addon's data files (and demo files) in the order of its manifest."""

from __future__ import annotations

from typing import Any

from nexa.data.csv_loader import load_csv
from nexa.data.xml_loader import load_xml
from nexa.data.xmlids import LoadContext
from nexa.modules.discovery import AddonInfo

LOADERS = {".xml": load_xml, ".csv": load_csv}


def load_addon_data(env: Any, info: AddonInfo, *, mode: str, demo: bool) -> set[str]:
    """Load ``data`` (and ``demo`` when asked) files of an addon; returns the external ids touched.

    In ``update`` mode, records of the addon that no data file mentions any more
    (and that are not ``noupdate``) are deleted afterwards, as Odoo does.
    """
    touched: set[str] = set()
    files = list(info.manifest.data) + (list(info.manifest.demo) if demo else [])
    for relative in files:
        path = info.path / relative
        loader = LOADERS.get(path.suffix.lower())
        ctx = LoadContext(env=env, addon=info.name, file=relative, mode=mode, addon_path=info.path,
                          noupdate=relative in info.manifest.demo)
        if loader is None:
            raise ctx.error("Unsupported data file type (use .xml or .csv)")
        loader(ctx, path)
        touched |= ctx.touched
    if mode == "update":
        env["ir.model.data"]._remove_stale(info.name, touched)
    return touched
