"""Models of the test addon, one per file."""

from . import test_web_gadget, test_web_gadget_line, test_web_stage, test_web_tag  # noqa: F401
