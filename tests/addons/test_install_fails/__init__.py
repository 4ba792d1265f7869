"""Test addon whose install always fails half-way (see data/test_fail_record_data.xml)."""

from . import models  # noqa: F401
