"""Models of bad_comodel."""

from . import test_pointer  # noqa: F401
