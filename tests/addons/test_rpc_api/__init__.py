"""Test addon: a model the external API tests call through every client."""

from . import models  # noqa: F401
