"""A fixture addon for tests/security: one model per access concept (see models/)."""

from . import models  # noqa: F401
