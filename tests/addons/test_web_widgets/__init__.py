"""Test addon of the web client: ``test.web.gadget`` has one field of every type (see models/)."""

from . import models  # noqa: F401
