"""One community (村居): its grids and units, their Party orgs, leaders and gaps.

Sizes and gap rates are the generator's choice (the article gives only a few); every one is named
here and listed in ``docs/seed.md``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import names
from .chunk import Chunk
from .divisions import Division
from .people import date_between, person
from .skeleton import area_row, committee, org_id

RESIDENTS_PER_GRID = 600  # grids are drawn at about this size, so Putian has ~5,000
UNIT_RESIDENTS = (80, 140)  # a residential unit: one building, ~100+ residents
GAPS = {
    "unit_without_leader": 0.02,
    "unit_without_party_group": 0.01,
    "grid_without_leader": 0.01,
    "grid_without_branch": 0.01,
    "leader_overloaded": 0.012,  # a leader who also takes the next two units
}
JOINT_BRANCH = 0.15  # a grid's branch also covers the next grid (联合组建), not a gap
GROUP_SPAN = (1, 3)  # a unit Party group covers 1-3 neighbouring units


@dataclass
class GridPlan:
    kind: str  # compound, street, hospital, school, village
    units: int
    name: str | None = None


def plan(d: Division, rng: random.Random, scale: float) -> tuple[int, list[GridPlan]]:
    """Residents target and grid plan for an ordinary community."""
    residents = rng.randint(2500, 8000) if d.is_urban else rng.randint(1500, 4000)
    residents = max(200, int(residents * scale))
    n_grids = max(1, round(residents / RESIDENTS_PER_GRID))
    per_grid = residents / n_grids
    grids = []
    for _ in range(n_grids):
        roll = rng.random()
        if d.is_urban:
            kind = ("compound" if roll < 0.68 else "street" if roll < 0.92
                    else "school" if roll < 0.97 else "hospital")
        else:
            kind = "village" if roll < 0.86 else "street" if roll < 0.95 else "school"
        if kind in ("compound", "village"):
            units = max(1, round(per_grid / 108))
        elif kind == "street":
            units = rng.randint(8, 24)
        elif kind == "school":
            units = rng.randint(3, 6)
        else:
            units = rng.randint(6, 12)
        grids.append(GridPlan(kind, units))
    return residents, grids


def generate(chunk: Chunk, d: Division, rng: random.Random, grids: list[GridPlan], *,
             secretary: str | None = None, gaps: bool = True) -> dict:
    """Append the community's rows to ``chunk``; return a summary the stories can amend."""
    row = area_row(d)
    chunk["areas"].append(row)
    committee_id = committee(chunk, rng, d, secretary=secretary)
    rates = GAPS if gaps else dict.fromkeys(GAPS, 0.0)
    built = {"grids": [], "units": [], "committee_id": committee_id}
    prev_branch = None
    total = 0
    for i, gp in enumerate(grids, start=1):
        code = f"{d.code}{i:03d}"
        gname = gp.name or _grid_name(gp.kind, rng, i)
        branch = _branch(chunk, rng, code, gname, committee_id, prev_branch, rates)
        prev_branch = branch
        g = {"code": code, "name": gname, "official_name": gname, "tier": "grid",
             "kind": gp.kind, "residents": 0, "parent_code": d.code}
        chunk["areas"].append(g)
        _grid_leader(chunk, rng, code, branch, rates)
        units = _units(chunk, rng, g, gp, branch or committee_id, rates)
        g["residents"] = sum(u["residents"] for u in units)
        total += g["residents"]
        built["grids"].append(g)
        built["units"].extend(units)
    row["residents"] = total
    return built


def _grid_name(kind: str, rng: random.Random, i: int) -> str:
    if kind == "compound":
        return names.place(rng) + rng.choice(("小区", "花园", "新村", "苑"))
    if kind == "street":
        return names.street(rng) + "街区"
    if kind == "school":
        return names.place(rng) + rng.choice(("小学", "中学"))
    if kind == "hospital":
        return names.place(rng) + "医院"
    return f"第{i}网格"


def _branch(chunk, rng, code, gname, committee_id, prev_branch, rates) -> str | None:
    roll = rng.random()
    if roll < rates["grid_without_branch"]:
        return None
    if prev_branch and roll < rates["grid_without_branch"] + JOINT_BRANCH:
        chunk["covers"].append({"org_id": prev_branch, "area_code": code})
        return prev_branch
    oid = org_id(code)
    chunk["party_orgs"].append({"id": oid, "name": f"{gname}党支部", "kind": "branch",
                                "level": "grid", "area_code": code, "agency_id": None,
                                "parent_id": committee_id})
    return oid


def _grid_leader(chunk, rng, code, branch, rates) -> None:
    if rng.random() < rates["grid_without_leader"]:
        return
    p = person(rng, f"pg-{code}", party=0.85, age=(30, 62))
    chunk["people"].append(p)
    chunk["leads"].append({"person_id": p["id"], "area_code": code, "role": "grid_leader",
                           "since": date_between(rng, "2022-05-01", "2022-07-01"), "until": None})
    if p["party_member"] and branch:
        chunk["memberships"].append({"person_id": p["id"], "org_id": branch, "title": "党员"})
        if branch == org_id(code):
            chunk["secretaries"].append({"person_id": p["id"], "org_id": branch,
                                         "since": "2022-05-01", "until": None})


_UNIT_KIND = {"compound": "building", "village": "households", "street": "shop",
              "school": "school", "hospital": "department"}


def _units(chunk, rng, grid, gp: GridPlan, parent_org, rates) -> list[dict]:
    units = []
    group, group_left, leader, leader_left = None, 0, None, 0
    for j in range(1, gp.units + 1):
        code = f"{grid['code']}{j:03d}"
        kind = _UNIT_KIND[gp.kind]
        if gp.kind == "street" and rng.random() < 0.1:
            kind = "building"  # a street section has some residential buildings too
        u = {"code": code, "name": _unit_name(kind, grid["name"], rng, j), "tier": "unit",
             "kind": kind, "residents": _residents(kind, rng), "parent_code": grid["code"]}
        u["official_name"] = u["name"]
        chunk["areas"].append(u)
        units.append(u)
        # Party group: joint groups span neighbouring units; a few units have none.
        if group_left == 0:
            if rng.random() < rates["unit_without_party_group"]:
                group = None
                group_left = 1
            else:
                group = org_id(code)
                group_left = rng.randint(*GROUP_SPAN)
                chunk["party_orgs"].append({"id": group, "name": f"{u['name']}党小组",
                                            "kind": "group", "level": "unit", "area_code": code,
                                            "agency_id": None, "parent_id": parent_org})
        elif group:
            chunk["covers"].append({"org_id": group, "area_code": code})
        group_left -= 1
        # Unit leader: usually one per unit; an overloaded one takes the next two as well.
        if leader_left == 0:
            leader = None
            if rng.random() >= rates["unit_without_leader"]:
                leader = person(rng, f"pu-{code}", party=0.7, age=(35, 70), retired=0.25)
                chunk["people"].append(leader)
                if leader["party_member"] and group:
                    chunk["memberships"].append({"person_id": leader["id"], "org_id": group,
                                                 "title": "党员"})
            leader_left = 3 if rng.random() < rates["leader_overloaded"] else 1
        if leader:
            chunk["leads"].append({"person_id": leader["id"], "area_code": code,
                                   "role": "unit_leader",
                                   "since": date_between(rng, "2022-05-01", "2022-08-01"),
                                   "until": None})
        leader_left -= 1
    return units


def _residents(kind: str, rng: random.Random) -> int:
    if kind in ("building", "households"):
        return rng.randint(*UNIT_RESIDENTS)
    if kind == "shop":
        return rng.randint(1, 6)
    if kind == "school":
        return rng.randint(20, 60)
    if kind == "department":
        return rng.randint(8, 30)
    return 0


def _unit_name(kind: str, grid_name: str, rng: random.Random, j: int) -> str:
    if kind == "building":
        return f"{grid_name}{j}号楼"
    if kind == "households":
        return f"{grid_name}{names.place(rng, 1)}厝片区"
    if kind == "shop":
        return f"{names.place(rng)}{rng.choice(names.SHOPS)}"
    if kind == "school":
        return f"{grid_name}{names.SCHOOL_UNITS[(j - 1) % len(names.SCHOOL_UNITS)]}"
    if kind == "department":
        return f"{grid_name}{names.DEPARTMENTS[(j - 1) % len(names.DEPARTMENTS)]}"
    return f"{grid_name}{j}号"
