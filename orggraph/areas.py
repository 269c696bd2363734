"""Areas of the governance tree: lookups and lists, within a caller's scope."""

from __future__ import annotations

from typing import Protocol

from . import codes
from .errors import InvalidInput, NotFound
from .model import TIERS
from .paging import PageRequest
from .scope import EVERYTHING, Scope


class AreaStore(Protocol):
    def read(self, name: str, **params) -> list[dict]: ...
    def read_one(self, name: str, **params) -> dict | None: ...


def get_area(store: AreaStore, code: str, scope: Scope = EVERYTHING) -> dict:
    """The area with its path from the root, current leaders, Party orgs and counts below it."""
    codes.check(code)
    row = store.read_one("areas/get_area", code=code, scope=scope.prefix)
    if row is None:
        raise NotFound(f"no area with code {code}")
    area = row["area"]
    counts = store.read("areas/list_descendant_counts", code=code, prefix=codes.prefix(code))
    by_tier = {r["tier"]: r["n"] for r in counts}
    return {**area, "path": row["path"], "leaders": row["leaders"],
            "party_orgs": row["party_orgs"],
            "counts": {t: by_tier.get(t, 0) for t in TIERS[TIERS.index(area["tier"]) + 1:]}}


def list_areas(store: AreaStore, page: PageRequest, *, q: str | None = None,
               tier: str | None = None, within: str | None = None,
               scope: Scope = EVERYTHING) -> dict:
    """Areas matching every given filter; names match partially, exact matches first."""
    if tier is not None and tier not in TIERS:
        raise InvalidInput(f"unknown tier {tier!r}", errors={"tier": [f"one of {list(TIERS)}"]})
    if within is not None:
        codes.check(within, "within")
    prefix = scope.within(within)
    if prefix is None:
        return page.result([], 0)
    q = q.strip() if q else None
    params = {"prefix": prefix, "scope": scope.prefix, "tier": tier, "q": q or None}
    if q:
        # A name search starts from the text indexes (one round trip for page and total).
        row = store.read_one("areas/search_areas", **params, skip=page.skip,
                             limit=page.page_size)
        return page.result(row["items"], row["total"])
    total = store.read_one("areas/count_areas", **params)["n"]
    items = store.read("areas/list_areas", **params, skip=page.skip, limit=page.page_size)
    return page.result([r["area"] for r in items], total)


def list_children(store: AreaStore, code: str, page: PageRequest,
                  scope: Scope = EVERYTHING) -> dict:
    """Areas one tier below ``code``; 404 when the area is unknown or outside the scope."""
    codes.check(code)
    row = store.read_one("areas/count_children", code=code, scope=scope.prefix)
    if row is None:
        raise NotFound(f"no area with code {code}")
    items = store.read("areas/list_children", code=code, scope=scope.prefix, skip=page.skip,
                       limit=page.page_size)
    return page.result([r["area"] for r in items], row["n"])


def scope_name(store: AreaStore, caller) -> str | None:
    """The name of the area a caller's scope is (None for an unscoped token)."""
    if caller.scope.code is None:
        return None
    row = store.read_one("areas/get_area_ref", code=caller.scope.code, scope="")
    return row["area"]["name"] if row else None
