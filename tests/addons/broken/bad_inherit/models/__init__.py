"""Models of bad_inherit."""

from . import test_animal  # noqa: F401
