"""Addons as data: their manifests, where they are, and the order they load in.

Start-up reads ``addons_path`` from the config, discovers the addons there (and
the pip-installed ones), checks each manifest, and computes the load order of
the addons a database has installed; the loader then imports them in that
order. Nothing here imports addon code or touches a database.

    from nexa.config import load_config
    from nexa.modules import discover_addons, load_order

    config = load_config()
    addons = discover_addons(config.addons_path)
    order = load_order({name: info.manifest for name, info in addons.items()}, ["sale"])
"""

from __future__ import annotations

from nexa.modules.discovery import ENTRY_POINT_GROUP, AddonInfo, discover_addons
from nexa.modules.external import check_external_dependencies
from nexa.modules.graph import auto_install_closure, dependents, load_order
from nexa.modules.manifest import MANIFEST_FILE, Manifest, load_manifest

__all__ = [
    "ENTRY_POINT_GROUP",
    "MANIFEST_FILE",
    "AddonInfo",
    "Manifest",
    "auto_install_closure",
    "check_external_dependencies",
    "dependents",
    "discover_addons",
    "load_manifest",
    "load_order",
]
