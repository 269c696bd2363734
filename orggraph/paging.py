"""Pages of list results: ``{"items", "total", "page", "page_size"}``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


@dataclass(frozen=True)
class PageRequest:
    """Which page of a list to read. ``streamed``: the items may come as an iterator that
    reads them from the database as it is consumed, for a list too long to hold whole (an
    export); a list that cannot stream them still gives a list."""

    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    streamed: bool = False

    @property
    def skip(self) -> int:
        return (self.page - 1) * self.page_size

    def result(self, items: Iterable, total: int) -> dict:
        return {"items": items, "total": total, "page": self.page, "page_size": self.page_size}

    def rows(self, store, name: str, /, **params: Any) -> Iterable[dict]:
        """The rows of a read statement for this page: read whole, or when ``streamed`` read
        from the database as they are consumed (the statement runs at the first)."""
        return store.stream(name, **params) if self.streamed else store.read(name, **params)

    def shown(self, rows: Iterable[dict], show: Callable[[dict], Any]) -> Iterable:
        """``show`` of each row, as a list, or when ``streamed`` as they are consumed."""
        return map(show, rows) if self.streamed else [show(r) for r in rows]


def walk_reads_less(reach: int, matching: int, stored: int) -> bool:
    """Whether walking every stored item newest first until ``reach`` (skip plus page size)
    matches are found reads fewer than sorting the ``matching`` ones: the walk passes about
    reach × stored / matching items. Lists with a time index and an index for their filter
    (events, the audit log) pick their plan by it."""
    return reach * stored < matching * matching
