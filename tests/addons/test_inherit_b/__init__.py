"""Test addon: second contribution of the inheritance chain (extension, mixin, prototype)."""

from . import models  # noqa: F401
