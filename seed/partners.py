"""Pairings (结对共建), linkages (挂钩联系) and secondments (下沉) for one community."""

from __future__ import annotations

import random

from .chunk import Chunk
from .divisions import Division
from .people import date_between, person
from .skeleton import AgencyIndex, org_id

UNPAIRED = 0.08  # share of communities with no active pairing, a documented gap
PAIRING_REPLACED = 0.05  # pairings that ended and were followed by another agency's
WITH_PROJECTS = 0.2
LINKED = 0.3
# (role, share of communities, where the secondee comes from: tier and agency kind or category)
SECONDMENTS = (
    ("staff", 0.5, "district", None),
    ("npc_deputy", 0.12, None, None),
    ("party_congress_deputy", 0.08, None, None),
    ("cppcc_member", 0.06, None, None),
    ("police", 0.4, "town", "police"),
    ("judge", 0.1, "district", "court"),
    ("prosecutor", 0.08, "district", "procuratorate"),
    ("lawyer", 0.2, "district", "司法局"),
)
PROJECTS = ("老年活动中心改造", "儿童游乐场", "网格之家建设", "小区路灯更新", "健身路径",
            "文化墙", "雨污分流改造", "睦邻议事厅")


def pairable(index: AgencyIndex, d: Division, city: str) -> list[dict]:
    """Agencies of the community's district (mostly) or city that pair with communities."""
    district = d.code[:6]
    return [a for a in index.of(district) + index.of(city) if a["kind"] != "platform_centre"]


def pairing(chunk: Chunk, d: Division, agency: dict, n: int, since: str,
            until: str | None = None) -> str:
    pid = f"pr-{d.code}-{n}"
    chunk["pairings"].append({"id": pid, "agency_org_id": org_id(agency["id"]),
                              "community_org_id": org_id(d.code), "since": since,
                              "until": until})
    return pid


def project(chunk: Chunk, pairing_id: str, n: int, title: str, amount: int, funded_by: str,
            date: str) -> None:
    chunk["projects"].append({"id": f"{pairing_id}-p{n}", "pairing_id": pairing_id,
                              "title": title, "amount": amount, "funded_by": funded_by,
                              "date": date})


def secondment(chunk: Chunk, rng: random.Random, d: Division, role: str, agency: dict | None,
               since: str, until: str | None = None, *, name: str | None = None,
               n: int = 1) -> str:
    p = person(rng, f"pd-{d.code}-{role}-{n}", name=name, party=0.7, age=(28, 60))
    chunk["people"].append(p)
    if agency:
        chunk["staff"].append({"person_id": p["id"], "agency_id": agency["id"],
                               "title": "工作人员"})
    sid = f"sd-{d.code}-{role}-{n}"
    chunk["secondments"].append({"id": sid, "person_id": p["id"],
                                 "agency_id": agency["id"] if agency else None,
                                 "area_code": d.code, "role": role, "since": since,
                                 "until": until})
    return sid


def generate(chunk: Chunk, rng: random.Random, d: Division, index: AgencyIndex, city: str,
             *, story: bool = False) -> None:
    """Generic partners; a story community keeps only the secondments drawn here."""
    candidates = pairable(index, d, city)
    paired = rng.random() >= UNPAIRED
    if paired and candidates and not story:
        first = rng.choice(candidates)
        since = date_between(rng, "2022-05-01", "2022-09-01")
        if rng.random() < PAIRING_REPLACED:
            pairing(chunk, d, first, 1, since, "2023-12-31")
            first = rng.choice(candidates)
            pid = pairing(chunk, d, first, 2, "2024-01-01")
        else:
            pid = pairing(chunk, d, first, 1, since)
        if rng.random() < WITH_PROJECTS:
            for n in range(1, rng.randint(1, 2) + 1):
                project(chunk, pid, n, rng.choice(PROJECTS), rng.randrange(20_000, 300_000, 1000),
                        rng.choice((first["name"], f"{d.name}专项经费")),
                        date_between(rng, "2022-07-01", "2024-06-01"))
    if rng.random() < LINKED and candidates and not story:
        agency = rng.choice(candidates)
        chunk["linkages"].append({"id": f"li-{d.code}-1", "agency_id": agency["id"],
                                  "area_code": d.code,
                                  "since": date_between(rng, "2022-05-01", "2022-08-01"),
                                  "until": None})
    for role, share, tier, which in SECONDMENTS:
        if rng.random() >= share:
            continue
        agency = _source(index, d, tier, which, rng)
        secondment(chunk, rng, d, role, agency, date_between(rng, "2022-05-01", "2023-03-01"))


def _source(index: AgencyIndex, d: Division, tier: str | None, which: str | None,
            rng: random.Random) -> dict | None:
    if tier is None:
        return None  # deputies and CPPCC members are not sent by an agency
    area = d.code[:9] if tier == "town" else d.code[:6]
    pool = [a for a in index.of(area) if a["kind"] != "platform_centre"
            and (which is None or a["kind"] == which or a["name"].endswith(which))]
    return rng.choice(pool) if pool else None
