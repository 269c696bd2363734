"""Agencies: government bodies and functional departments, their jurisdiction and competences.

A caller sees the agencies serving its scope: those whose jurisdiction lies inside it, and those
above it whose jurisdiction covers it (a town sees its district's and the city's agencies).
"""

from __future__ import annotations

from . import codes
from .auth import READ_TREE, Caller
from .errors import InvalidInput
from .model import CATEGORIES
from .paging import PageRequest


def list_agencies(store, caller: Caller, page: PageRequest, *, within: str | None = None,
                  category: str | None = None, q: str | None = None) -> dict:
    caller.require(READ_TREE)
    if category is not None and category not in CATEGORIES:
        raise InvalidInput(f"unknown category {category!r}",
                           errors={"category": [f"one of {list(CATEGORIES)}"]})
    if within is not None:
        codes.check(within, "within")
    prefix = caller.scope.within(within)
    if prefix is None:
        return page.result([], 0)
    params = {"prefix": prefix, "scope": caller.scope.prefix, "category": category,
              "q": q.strip() if q and q.strip() else None}
    total = store.read_one("agencies/count_agencies", **params)["n"]
    rows = store.read("agencies/list_agencies", **params, skip=page.skip, limit=page.page_size)
    return page.result([r["agency"] for r in rows], total)
