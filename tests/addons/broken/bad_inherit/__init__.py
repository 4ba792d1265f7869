"""Broken test addon: extends 'test.animall' (a typo of test.animal)."""

from . import models  # noqa: F401
