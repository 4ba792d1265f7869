"""Models of test_security, one per file."""

from . import (  # noqa: F401
    test_security_account,
    test_security_category,
    test_security_doc,
    test_security_line,
    test_security_tag,
    test_security_vault,
)
