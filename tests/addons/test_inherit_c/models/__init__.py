"""Models of test_inherit_c, one per file."""

from . import test_animal, test_dog  # noqa: F401
