"""Models of test_views_b."""

from . import test_views_order  # noqa: F401
