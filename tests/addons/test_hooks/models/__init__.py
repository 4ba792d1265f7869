"""Models of test_hooks."""

from . import test_hook_log  # noqa: F401
