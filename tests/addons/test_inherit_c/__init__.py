"""Test addon: third contribution of the inheritance chain (extension again, delegation)."""

from . import models  # noqa: F401
