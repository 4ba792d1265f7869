"""Test addon: models exercising every field type, relation and option of the ORM."""

from . import models  # noqa: F401
