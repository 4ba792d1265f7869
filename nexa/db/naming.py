"""Names of tables, relation tables, indexes and constraints derived from models.

PostgreSQL truncates identifiers at 63 bytes; names that would be longer are
shortened with a hash suffix so that two long names never collide.
"""

from __future__ import annotations

import hashlib

MAX_IDENTIFIER = 63


def table_name(model_name: str) -> str:
    """The table of a model: ``res.partner`` -> ``res_partner``."""
    return model_name.replace(".", "_")


def shorten(name: str) -> str:
    """``name`` if it fits in an identifier, else a truncated name with a hash suffix."""
    if len(name) <= MAX_IDENTIFIER:
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"{name[:MAX_IDENTIFIER - 9]}_{digest}"


def relation_table(model_a: str, model_b: str) -> str:
    """The default many2many relation table between two models (order independent)."""
    first, second = sorted([table_name(model_a), table_name(model_b)])
    return shorten(f"{first}_{second}_rel")


def index_name(table: str, column: str) -> str:
    """The name of the index Nexa creates for ``table.column``."""
    return shorten(f"{table}__{column}_index")


def constraint_name(table: str, key: str) -> str:
    """The name of an SQL constraint declared in a model's ``_sql_constraints``."""
    return shorten(f"{table}_{key}")
