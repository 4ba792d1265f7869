"""Models of test_orm_depth, one per file."""

from . import res_partner, test_depth_line, test_depth_node, test_depth_order, test_depth_stage, test_depth_tag  # noqa: F401
