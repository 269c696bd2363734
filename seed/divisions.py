"""Read the official division extract (``seed/data/fujian-divisions.csv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

EXTRACT = Path(__file__).parent / "data" / "fujian-divisions.csv"
PUTIAN = "350300"

# Official names carry the committee's title; the governance network speaks of the place.
_SUFFIXES = ("居民委员会", "村民委员会", "居委会", "村委会")


@dataclass(frozen=True)
class Division:
    code: str
    name: str  # the place: 东星社区
    official_name: str  # as published: 东星社区居委会
    tier: str
    parent_code: str | None

    @property
    def is_urban(self) -> bool:
        """Village digits 001-199 are urban communities (居委会), 200-399 villages (村委会)."""
        return self.tier == "community" and int(self.code[-3:]) < 200

    @property
    def is_subdistrict(self) -> bool:
        """Town digits 001-099 are subdistricts (街道)."""
        return self.tier == "town" and int(self.code[-3:]) < 100


def short_name(official: str) -> str:
    for suffix in _SUFFIXES:
        if official.endswith(suffix) and len(official) > len(suffix):
            return official[: -len(suffix)]
    return official


def load(cities: list[str] | None = None, path: Path = EXTRACT) -> list[Division]:
    """Divisions of the given cities (codes like ``350300``), all of Fujian when None,
    sorted so that every parent comes before its children."""
    prefixes = tuple(c[:4] for c in cities) if cities else ("35",)
    out = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["code"].startswith(prefixes):
                out.append(Division(row["code"], short_name(row["name"]), row["name"],
                                    row["tier"], row["parent_code"] or None))
    order = {"city": 0, "district": 1, "town": 2, "community": 3}
    return sorted(out, key=lambda d: (order[d.tier], d.code))
