"""Test addon: a model with views that test_views_b and test_views_c inherit in a chain."""

from . import models  # noqa: F401
