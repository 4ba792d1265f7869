"""The benchmark's partner model: the same shape as Tryton's bench.partner and the raw table."""

from . import models  # noqa: F401
