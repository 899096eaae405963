"""Page-number pagination for lists: `page` (from 1) and `page_size` (1 to 200, 50 by default).
A page past the end is empty, not an error."""

import math
from collections.abc import Sequence
from typing import Any

from ninja import Query, Schema
from pydantic import Field

MAX_PAGE = 100_000
MAX_PAGE_SIZE = 200


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="The page to return, from 1")
    page_size: int = Field(
        50, ge=1, le=MAX_PAGE_SIZE, description=f"Items a page, 1 to {MAX_PAGE_SIZE}"
    )


PAGE = Query(...)


def paginate(items: Sequence[Any], query: PageQuery, **extra: Any) -> dict[str, Any]:
    """One page of `items` (a list or a queryset) with the counts every list response has."""
    count = len(items) if isinstance(items, list | tuple) else items.count()  # type: ignore[attr-defined]
    start = (query.page - 1) * query.page_size
    return {
        "count": count,
        "page": query.page,
        "page_size": query.page_size,
        "pages": max(1, math.ceil(count / query.page_size)),
        "items": list(items[start : start + query.page_size]),
        **extra,
    }
