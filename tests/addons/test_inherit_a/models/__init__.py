"""Models of test_inherit_a, one per file."""

from . import test_animal, test_animal_wizard, test_mixin_noisy, test_zoo  # noqa: F401
