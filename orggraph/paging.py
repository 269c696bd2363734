"""Pages of list results: ``{"items", "total", "page", "page_size"}``."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


@dataclass(frozen=True)
class PageRequest:
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def skip(self) -> int:
        return (self.page - 1) * self.page_size

    def result(self, items: list, total: int) -> dict:
        return {"items": items, "total": total, "page": self.page, "page_size": self.page_size}


def walk_reads_less(reach: int, matching: int, stored: int) -> bool:
    """Whether walking every stored item newest first until ``reach`` (skip plus page size)
    matches are found reads fewer than sorting the ``matching`` ones: the walk passes about
    reach × stored / matching items. Lists with a time index and an index for their filter
    (events, the audit log) pick their plan by it."""
    return reach * stored < matching * matching
