"""Broken test addon: a many2one points to a model no addon defines."""

from . import models  # noqa: F401
