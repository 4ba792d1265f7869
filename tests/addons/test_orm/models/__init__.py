"""Models of test_orm, one per file."""

from . import test_orm_category, test_orm_line, test_orm_record, test_orm_tag  # noqa: F401
