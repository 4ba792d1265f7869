"""Test addon: first contribution of the inheritance chain (models, a mixin, a wizard)."""

from . import models  # noqa: F401
