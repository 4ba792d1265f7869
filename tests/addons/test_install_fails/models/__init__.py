"""Models of test_install_fails."""

from . import res_partner, test_fail_record  # noqa: F401
