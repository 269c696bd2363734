"""The upper tiers: city, districts and towns, their Party committees and their agencies."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from orggraph.model import CATEGORIES

from . import agencies as catalogue
from .chunk import Chunk
from .divisions import Division
from .people import person

# The towns of the article's stories keep every agency (西天尾镇, 霞林街道, 涵东街道).
STORY_TOWNS = frozenset({"350304100", "350302003", "350303001"})


@dataclass
class AgencyIndex:
    """What community generation needs to know about the agencies above it."""

    by_area: dict[str, list[dict]] = field(default_factory=dict)
    by_name: dict[str, dict] = field(default_factory=dict)
    # Who answers for an agency (its head) and for an area above communities (the secretary):
    # the people the event history's steps are taken by.
    heads: dict[str, dict] = field(default_factory=dict)
    secretaries: dict[str, dict] = field(default_factory=dict)

    def add(self, row: dict) -> None:
        self.by_area.setdefault(row["jurisdiction_code"], []).append(row)
        self.by_name[row["name"]] = row

    def of(self, area_code: str, *, kind: str | None = None,
           category: str | None = None) -> list[dict]:
        return [a for a in self.by_area.get(area_code, [])
                if (kind is None or a["kind"] == kind)
                and (category is None or category in a["categories"])]


def org_id(key: str) -> str:
    return f"po-{key}"


def area_row(d: Division) -> dict:
    kind = None
    if d.tier == "town":
        n = int(d.code[-3:])
        kind = "subdistrict" if n < 100 else "town" if n < 200 else "township"
    elif d.tier == "district":
        kind = "county" if d.name.endswith("县") else "district"
    elif d.tier == "community":
        kind = "community" if d.is_urban else "village"
    return {"code": d.code, "name": d.name, "official_name": d.official_name, "tier": d.tier,
            "kind": kind, "residents": None, "parent_code": d.parent_code}


def committee(chunk: Chunk, rng: random.Random, d: Division, *, secretary: str | None = None,
              since: str = "2021-10-01") -> str:
    """The Party org mirroring an area, with its secretary; returns the org id."""
    kind = "working_committee" if d.tier == "town" and d.is_subdistrict else "committee"
    title = "工作委员会" if kind == "working_committee" else "委员会"
    oid = org_id(d.code)
    parent = org_id(d.parent_code) if d.parent_code else None
    chunk["party_orgs"].append({"id": oid, "name": f"中共{d.name}{title}", "kind": kind,
                                "level": d.tier, "area_code": d.code, "agency_id": None,
                                "parent_id": parent})
    p = person(rng, f"ps-{d.code}", name=secretary, party=1.0, age=(40, 58))
    chunk["people"].append(p)
    chunk["secretaries"].append({"person_id": p["id"], "org_id": oid, "since": since,
                                 "until": None})
    chunk["memberships"].append({"person_id": p["id"], "org_id": oid, "title": "书记"})
    return oid


def build(divisions: list[Division], seed: int) -> tuple[Chunk, AgencyIndex]:
    chunk, index = Chunk(), AgencyIndex()
    for key, label in CATEGORIES.items():
        chunk["categories"].append({"key": key, "label": label})
    for d in divisions:
        if d.tier not in ("city", "district", "town"):
            continue
        rng = random.Random(f"{seed}:{d.code}")
        chunk["areas"].append(area_row(d))
        committee(chunk, rng, d)
        index.secretaries[d.code] = _ref(chunk["people"][-1])
        for row in _agencies(d, rng):
            index.heads[row["id"]] = _ref(_add_agency(chunk, rng, d, row))
            index.add(row)
    return chunk, index


def _agencies(d: Division, rng: random.Random) -> list[dict]:
    if d.tier == "town":
        specs = [(s, k, c) for s, k, c, share in catalogue.TOWN
                 if rng.random() < share or d.code in STORY_TOWNS]
    else:
        specs = list(catalogue.CITY_AND_DISTRICT)
    rows = []
    for suffix, kind, cats in specs:
        name = (catalogue.district_agency_name(d.name, suffix) if d.tier != "town"
                else d.name + suffix)
        if d.tier == "town" and suffix == "卫生院" and d.is_subdistrict:
            name = d.name + "社区卫生服务中心"
        rows.append({"id": catalogue.credit_code(d.code, name), "name": name, "tier": d.tier,
                     "kind": kind, "jurisdiction_code": d.code, "categories": list(cats)})
    return rows


def _ref(p: dict) -> dict:
    return {"id": p["id"], "name": p["name"]}


def _add_agency(chunk: Chunk, rng: random.Random, d: Division, row: dict) -> dict:
    """Add an agency with its Party org and staff; returns its head."""
    chunk["agencies"].append(row)
    oid = org_id(row["id"])
    kind = "agency_branch" if d.tier == "town" else "agency_committee"
    title = "支部委员会" if kind == "agency_branch" else "机关委员会"
    chunk["party_orgs"].append({"id": oid, "name": f"中共{row['name']}{title}", "kind": kind,
                                "level": d.tier, "area_code": None, "agency_id": row["id"],
                                "parent_id": org_id(d.code)})
    for i in range(3 if d.tier == "town" else 4):
        p = person(rng, f"pe-{row['id']}-{i}", party=0.8, age=(26, 58))
        chunk["people"].append(p)
        chunk["staff"].append({"person_id": p["id"], "agency_id": row["id"],
                               "title": "负责人" if i == 0 else "工作人员"})
        if i == 0:
            head = p
            chunk["secretaries"].append({"person_id": p["id"], "org_id": oid,
                                         "since": "2021-10-01", "until": None})
    return head
