"""Broken test addon: a field option is misspelt ('requird')."""

from . import models  # noqa: F401
