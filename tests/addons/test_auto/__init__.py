"""Test addon: installed automatically once test_inherit_a and test_hooks both are."""

from . import models  # noqa: F401
