"""Models of test_auto."""

from . import test_hook_log  # noqa: F401
