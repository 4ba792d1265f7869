"""The base addon: what every Nexa database has (see manifest.yaml)."""

from . import models  # noqa: F401
