"""Models of test_inherit_b, one per file."""

from . import test_animal, test_pet  # noqa: F401
