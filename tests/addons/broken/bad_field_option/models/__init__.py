"""Models of bad_field_option."""

from . import test_option  # noqa: F401
