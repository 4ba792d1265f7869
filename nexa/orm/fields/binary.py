"""Binary data (files, images), base64 text on the wire and raw bytes in the database."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from sqlalchemy import LargeBinary

from nexa.orm.fields.base import Field


class Binary(Field):
    """Raw bytes; ``read`` returns base64 text, ``write`` accepts base64 text or bytes."""

    type = "binary"
    type_options = {"attachment": False}
    operators = frozenset({"=", "!="})

    def bind(self, model_name: str, name: str, addon: str) -> None:
        super().bind(model_name, name, addon)
        self.prefetch = False  # never read big blobs along with the other columns

    def column_type(self) -> Any:
        return LargeBinary()

    def to_cache(self, value: Any, env: Any) -> bytes | None:
        if value is None or value is False or value == "":
            return None
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        if isinstance(value, str):
            try:
                return base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                raise self.invalid(value[:40], "base64 text") from None
        raise self.invalid(value, "bytes or base64 text")

    def from_column(self, value: Any) -> bytes | None:
        return None if value is None else bytes(value)

    def to_record(self, value: Any, record: Any) -> Any:
        return base64.b64encode(value) if value else False

    def to_read(self, value: Any, record: Any) -> Any:
        return base64.b64encode(value).decode("ascii") if value else False


class Image(Binary):
    """A picture; the web client shows it as an image."""

    type = "image"
    type_options = {"attachment": False, "max_width": 0, "max_height": 0}
