"""Test addon for nexa.jobs: see manifest.yaml."""

from . import models  # noqa: F401
