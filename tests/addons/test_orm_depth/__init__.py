"""Test addon: the ORM features of issue 3 (computed fields, constraints, grouping, onchange, translations)."""

from . import models  # noqa: F401
