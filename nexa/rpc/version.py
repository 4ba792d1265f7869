"""The version Nexa reports to RPC clients: Odoo 17.0's, plus its own on the side.

Clients branch on the server version (reference G1): odoorpc needs a number of at
least 11 (below that it uses services Nexa does not have), erppeek needs a
string that *starts* with digits (``re.match(r"\\d+\\.?\\d*", version)``). Nexa
speaks Odoo 17.0's protocol, so it reports exactly Odoo 17.0's values from
``common.version``, ``db.server_version`` and ``/web/webclient/version_info``;
its own release travels in the extra key ``nexa_version``, which clients ignore.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

__all__ = ["PROTOCOL_VERSION", "SERVER_VERSION", "nexa_version", "version_info"]

SERVER_VERSION = "17.0"
PROTOCOL_VERSION = 1
_SERVER_VERSION_INFO = (17, 0, 0, "final", 0, "")
# What setup.cfg declares; used when Nexa runs from a checkout that is not pip-installed.
_FALLBACK_NEXA_VERSION = "0.1.0"


@cache
def nexa_version() -> str:
    """Return the installed ``nexa`` distribution's version (read once: it cannot change)."""
    try:
        return version("nexa")
    except PackageNotFoundError:
        return _FALLBACK_NEXA_VERSION


def version_info() -> dict[str, Any]:
    """Return ``common.version()``'s answer: Odoo 17.0's four keys plus ``nexa_version``.

    A new dict on every call, so a caller may add to it (``/web/session/*`` does)
    without changing what the next caller gets.
    """
    return {
        "server_version": SERVER_VERSION,
        "server_version_info": list(_SERVER_VERSION_INFO),
        "server_serie": SERVER_VERSION,
        "protocol_version": PROTOCOL_VERSION,
        "nexa_version": nexa_version(),
    }
