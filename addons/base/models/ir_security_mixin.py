"""ir.security.mixin: what records that grant access share (users, groups, rights, rules).

Their changes are always written to the audit log (``_audit``), and they drop
the access decisions cached in the transaction, so a check made right after
(in the same RPC call, or the same test) sees the new rights.
"""

from __future__ import annotations

from typing import Any

from nexa.orm import AbstractModel, api
from nexa.security.access import invalidate_access_cache


class SecurityMixin(AbstractModel):
    _name = "ir.security.mixin"
    _description = "Security record (audited, invalidates access caches)"
    _audit = True

    @api.model_create_multi
    def create(self, vals_list: list[dict]) -> Any:
        invalidate_access_cache(self.env)
        return super().create(vals_list)

    def write(self, values: dict) -> bool:
        invalidate_access_cache(self.env)
        return super().write(values)

    def unlink(self) -> bool:
        invalidate_access_cache(self.env)
        return super().unlink()
