"""Models of test_rpc_api, one per file."""

from . import test_rpc_thing  # noqa: F401
