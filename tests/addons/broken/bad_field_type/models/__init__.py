"""Models of bad_field_type."""

from . import test_typo  # noqa: F401
