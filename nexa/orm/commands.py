"""Relational write commands, as Odoo defines them.

Writing a one2many or many2many field takes a list of commands. The tuple forms
``(0, 0, vals)`` ... ``(6, 0, ids)`` are what RPC clients send; :class:`Command`
builds the same tuples with readable names (Odoo 17's helpers).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any


class Command(IntEnum):
    """The seven x2many commands and their helpers: ``Command.create({...})`` etc."""

    CREATE = 0  # (0, 0, values): create a record and link it
    UPDATE = 1  # (1, id, values): write on a linked record
    DELETE = 2  # (2, id, 0): unlink the record from the database
    UNLINK = 3  # (3, id, 0): remove the link (one2many: delete if the inverse is required)
    LINK = 4  # (4, id, 0): add a link
    CLEAR = 5  # (5, 0, 0): remove all links
    SET = 6  # (6, 0, ids): replace the links by ids

    @classmethod
    def create(cls, values: dict) -> tuple:
        return (cls.CREATE, 0, values)

    @classmethod
    def update(cls, record_id: int, values: dict) -> tuple:
        return (cls.UPDATE, record_id, values)

    @classmethod
    def delete(cls, record_id: int) -> tuple:
        return (cls.DELETE, record_id, 0)

    @classmethod
    def unlink(cls, record_id: int) -> tuple:
        return (cls.UNLINK, record_id, 0)

    @classmethod
    def link(cls, record_id: int) -> tuple:
        return (cls.LINK, record_id, 0)

    @classmethod
    def clear(cls) -> tuple:
        return (cls.CLEAR, 0, 0)

    @classmethod
    def set(cls, ids: Iterable[int]) -> tuple:
        return (cls.SET, 0, list(ids))


def normalize_commands(value: Any, describe: str) -> list[tuple]:
    """Turn what a caller wrote into a list of command tuples.

    Accepts a list of commands, a plain list of ids (meaning SET), a recordset
    (SET its ids), or False/None (CLEAR). ``describe`` names the field in errors.
    """
    from nexa.exceptions import ValidationError

    if value is None or value is False:
        return [(Command.CLEAR, 0, 0)]
    if hasattr(value, "_ids") and hasattr(value, "_name"):
        return [(Command.SET, 0, list(value._ids))]
    if not isinstance(value, (list, tuple)):
        raise ValidationError(f"Wrong value for {describe}: {value!r} (expected a list of commands or ids)",
                              value=value)
    if all(isinstance(item, int) and not isinstance(item, bool) for item in value):
        return [(Command.SET, 0, list(value))]
    commands = []
    for item in value:
        if not isinstance(item, (list, tuple)) or not item or item[0] not in range(7):
            raise ValidationError(f"Wrong command for {describe}: {item!r} (expected (0..6, id, values))",
                                  value=item)
        code = int(item[0])
        padded = [*item, 0, 0][:3]
        if code in (Command.CREATE, Command.UPDATE) and not isinstance(padded[2], dict):
            raise ValidationError(f"Command {item!r} for {describe} needs a dict of values", value=item)
        if code in (Command.UPDATE, Command.DELETE, Command.UNLINK, Command.LINK) and not (
                isinstance(padded[1], int) and padded[1] > 0):
            raise ValidationError(f"Command {item!r} for {describe} needs a record id", value=item)
        if code == Command.SET:
            ids = padded[2] or []
            if not isinstance(ids, (list, tuple)) or not all(isinstance(i, int) for i in ids):
                raise ValidationError(f"Command {item!r} for {describe} needs a list of ids", value=item)
            padded[2] = list(ids)
        commands.append((Command(code), padded[1], padded[2]))
    return commands
