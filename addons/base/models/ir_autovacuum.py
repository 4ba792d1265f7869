"""ir.autovacuum: the daily clean-up of internal data (the cron "Base: Auto-vacuum internal data").

``power_on()`` deletes old records of every transient model (see
:mod:`nexa.orm.vacuum`), the expired web sessions kept in the database, and the
jobs done more than 7 days ago. Only administrators may run it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from nexa.exceptions import AccessError
from nexa.http.sessions import delete_expired_sessions
from nexa.orm import AbstractModel
from nexa.orm.vacuum import vacuum_transient

_logger = logging.getLogger(__name__)


class AutoVacuum(AbstractModel):
    _name = "ir.autovacuum"
    _description = "Automatic Vacuum"

    def power_on(self) -> dict[str, int]:
        """Vacuum transient models, expired sessions and old done jobs; return what was deleted, by kind."""
        if not self.env.su and not self.env.user.has_group("base.group_system"):
            raise AccessError("Only administrators (Settings > Technical) may run the auto-vacuum",
                              model=self._name)
        now = datetime.now(UTC).replace(tzinfo=None)
        config = self.env.transaction.database.config
        hours = getattr(config, "transient_age_limit", 1.0)
        deleted: dict[str, int] = {}
        for name, model_class in sorted(self.env.registry.models.items()):
            if model_class._transient and not model_class._abstract:
                deleted[name] = vacuum_transient(self.env[name], now=now, default_hours=hours)
        deleted["sessions"] = delete_expired_sessions(self.env.transaction.connection)
        deleted["ir.job"] = self.env["ir.job"]._vacuum_done(now)
        _logger.info("Auto-vacuum of %s: %s", self.env.transaction.database.name,
                     ", ".join(f"{count} {kind}" for kind, count in deleted.items() if count) or "nothing to delete")
        return deleted
