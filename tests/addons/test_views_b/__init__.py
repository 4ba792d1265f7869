"""Test addon: extends test.views.order and its form view."""

from . import models  # noqa: F401
