"""The article's places, people and stories, placed on the real tree.

Each story names the community it belongs to and amends what the generic generator made there:
a fixed grid plan, named people, pairings with their co-building projects, secondments.
"""

from __future__ import annotations

import random

from .chunk import Chunk
from .community import GridPlan
from .divisions import Division
from .partners import pairing, project, secondment
from .people import person
from .skeleton import AgencyIndex, org_id

DONGXING = "350304100001"  # 东星社区, 西天尾镇, 荔城区
XIALIN = "350302003003"  # 霞林社区, 霞林街道, 城厢区
BANTOU = "350302003007"  # 坂头社区, 霞林街道, 城厢区
DINGPU = "350303001002"  # 顶铺社区, 涵东街道, 涵江区
STORIES = (DONGXING, XIALIN, BANTOU, DINGPU)


def plan(code: str, rng: random.Random) -> tuple[list[GridPlan], str | None] | None:
    """(grid plan, secretary) for a story community, None for the others."""
    if code == DONGXING:
        # Its 2 grids became 33 with 439 units: 96 buildings (10,000+ residents), 323 shops of
        # its 400+ business entities, a clinic and a health centre, two schools.
        grids = [GridPlan("compound", 7) for _ in range(12)] + [GridPlan("compound", 6)] * 2
        grids += [GridPlan("street", 22)] * 8 + [GridPlan("street", 21)] * 7
        grids += [GridPlan("hospital", 7)] * 2 + [GridPlan("school", 3)] * 2
        return grids, "陈元国"
    if code == XIALIN:
        # 30,000+ residents, once 5 grids; 九龙小区 (a resettlement compound) is one grid now.
        grids = [GridPlan("compound", 12, "九龙小区")]
        grids += [GridPlan("compound", rng.randint(6, 8)) for _ in range(40)]
        grids += [GridPlan("street", rng.randint(10, 18)) for _ in range(8)]
        grids += [GridPlan("school", 4), GridPlan("hospital", 8)]
        return grids, None
    return None


def amend(chunk: Chunk, d: Division, built: dict, index: AgencyIndex,
          rng: random.Random) -> bool:
    """Add the story's named rows; True if the story replaces the generic partners."""
    if d.code == DONGXING:
        _dongxing(chunk, d, built, index, rng)
    elif d.code == XIALIN:
        _xialin(chunk, d, built, index, rng)
    elif d.code == BANTOU:
        pairing(chunk, d, _agency(index, "城厢区住建局"), 1, "2022-05-20")
        for n, name in enumerate(("城厢区住建局", "城厢区自然资源局"), start=1):
            chunk["linkages"].append({"id": f"li-{d.code}-{n}",
                                      "agency_id": _agency(index, name)["id"],
                                      "area_code": d.code, "since": "2022-05-20",
                                      "until": None})
    elif d.code == DINGPU:
        _dingpu(chunk, d, built, index, rng)
    return d.code in STORIES


def _agency(index: AgencyIndex, name: str) -> dict:
    return index.by_name[name]


def _dongxing(chunk, d, built, index, rng) -> None:
    # 陈春山, in his sixties, leads the first building unit and tops the honour roll.
    unit = next(u for u in built["units"] if u["kind"] == "building")
    _rename_leader(chunk, unit["code"], "陈春山", birth_year=1961)
    pairing(chunk, d, _agency(index, "荔城区住建局"), 1, "2022-05-15")
    # 林春新 of the city's political-legal committee spent two months here before the reform.
    secondment(chunk, rng, d, "staff", _agency(index, "莆田市委政法委"), "2022-03-01",
               "2022-04-30", name="林春新", n=9)


def _xialin(chunk, d, built, index, rng) -> None:
    jiulong = next(g for g in built["grids"] if g["name"] == "九龙小区")
    branch = org_id(jiulong["code"])
    if not any(o["id"] == branch for o in chunk["party_orgs"]):
        chunk["party_orgs"].append({"id": branch, "name": "九龙小区党支部", "kind": "branch",
                                    "level": "grid", "area_code": jiulong["code"],
                                    "agency_id": None, "parent_id": built["committee_id"]})
    chen = person(rng, f"ps-{jiulong['code']}", name="陈伟山", party=1.0, age=(45, 55))
    chunk["people"].append(chen)
    chunk["secretaries"] = [s for s in chunk["secretaries"] if s["org_id"] != branch]
    chunk["secretaries"].append({"person_id": chen["id"], "org_id": branch,
                                 "since": "2022-05-01", "until": None})
    chunk["memberships"].append({"person_id": chen["id"], "org_id": built["committee_id"],
                                 "title": "委员"})
    chunk["memberships"].append({"person_id": chen["id"], "org_id": branch, "title": "书记"})
    pid = pairing(chunk, d, _agency(index, "城厢区文旅局"), 1, "2022-06-01")
    project(chunk, pid, 1, "九龙小区老人活动室", 150_000, "城厢区文旅局", "2022-07-20")
    project(chunk, pid, 2, "九龙小区儿童游乐场", 80_000, "霞林社区专项经费", "2022-07-20")


def _dingpu(chunk, d, built, index, rng) -> None:
    grid = built["grids"][0]
    code = f"{grid['code']}{999:03d}"
    chunk["areas"].append({"code": code, "name": "网格之家", "official_name": "顶铺社区网格之家",
                           "tier": "unit", "kind": "facility", "residents": 0,
                           "parent_code": grid["code"]})
    pid = pairing(chunk, d, _agency(index, "涵江区民政局"), 1, "2022-05-25")
    project(chunk, pid, 1, "居家养老服务中心电梯", 400_000, "涵江区民政局", "2022-11-10")
    # 三官一律: the dispute mediated in the community by a judge, a prosecutor, police, a lawyer.
    for role, agency in (("judge", "涵江区法院"), ("prosecutor", "涵江区检察院"),
                         ("police", "涵东街道派出所"), ("lawyer", "涵江区司法局")):
        secondment(chunk, rng, d, role, _agency(index, agency), "2022-06-01", n=9)


def _rename_leader(chunk: Chunk, unit_code: str, name: str, birth_year: int) -> None:
    lead = next(r for r in chunk["leads"] if r["area_code"] == unit_code)
    who = next(p for p in chunk["people"] if p["id"] == lead["person_id"])
    who.update(name=name, birth_year=birth_year, party_member=True, retired_cadre=True)
