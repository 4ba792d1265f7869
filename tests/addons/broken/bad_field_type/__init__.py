"""Broken test addon: declares a field of a type that does not exist (fields.Chars)."""

from . import models  # noqa: F401
