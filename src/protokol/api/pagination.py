from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500


class Pages(LimitOffsetPagination):
    """``?limit=&offset=``; the answer carries ``count`` (all matching rows) and ``items``."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description="строк на странице (до 500)")
        # Bounded so the database never sees an offset wider than its integer type.
        offset: int = Field(0, ge=0, le=10**12, description="сколько строк пропустить")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
