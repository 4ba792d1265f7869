"""Models of test_views_a."""

from . import test_views_line, test_views_order  # noqa: F401
