"""The seed generator on its own: determinism, the article's facts, well-formed rows."""

from collections import Counter

import pytest

from orggraph import codes
from seed import agencies, divisions, stories
from seed.generator import generate


@pytest.fixture(scope="module")
def putian():
    merged = {}
    for chunk in generate(seed=1):
        for kind, rows in chunk.items():
            merged.setdefault(kind, []).extend(rows)
    return merged


def test_division_extract_is_putian_and_fujian():
    fujian = Counter(d.tier for d in divisions.load(None))
    assert fujian == {"city": 9, "district": 84, "town": 1170, "community": 17498}
    putian = Counter(d.tier for d in divisions.load(["350300"]))
    assert putian == {"city": 1, "district": 5, "town": 57, "community": 979}


def test_official_names_are_kept_and_shortened():
    by_code = {d.code: d for d in divisions.load(["350300"])}
    assert by_code[stories.DONGXING].name == "东星社区"
    assert by_code[stories.DONGXING].official_name == "东星社区居委会"
    assert {by_code[c].name for c in ("350302", "350303", "350304", "350305", "350322")} == {
        "城厢区", "涵江区", "荔城区", "秀屿区", "仙游县"}


def test_same_seed_same_rows_other_seed_other_rows():
    first = next(iter(generate(seed=7)))
    again = next(iter(generate(seed=7)))
    other = next(iter(generate(seed=8)))
    assert first == again
    assert first["people"] != other["people"]


def test_keys_are_unique_and_codes_extend_parents(putian):
    for kind in ("people", "party_orgs", "pairings", "secondments", "linkages", "projects",
                 "agencies"):
        ids = Counter(r["id"] for r in putian[kind])
        assert max(ids.values()) == 1, kind
    areas = {a["code"]: a for a in putian["areas"]}
    assert len(areas) == len(putian["areas"])
    for a in putian["areas"]:
        if a["tier"] == "city":
            continue
        parent = areas[a["parent_code"]]
        assert codes.tier_of(a["code"]) == a["tier"]
        assert a["code"].startswith(codes.prefix(parent["code"]))


def test_article_facts(putian):
    tiers = Counter(a["tier"] for a in putian["areas"])
    assert tiers["community"] == 979 and tiers["grid"] >= 4600
    under = Counter(a["tier"] for a in putian["areas"]
                    if a["code"].startswith(stories.DONGXING) and a["code"] != stories.DONGXING)
    assert under == {"grid": 33, "unit": 439}
    xialin = next(a for a in putian["areas"] if a["code"] == stories.XIALIN)
    assert xialin["residents"] >= 30_000
    people = {p["id"]: p["name"] for p in putian["people"]}
    names = set(people.values())
    assert {"陈元国", "陈春山", "陈伟山", "林春新"} <= names
    projects = {p["title"]: p for p in putian["projects"]}
    assert projects["居家养老服务中心电梯"]["amount"] == 400_000
    assert projects["九龙小区老人活动室"]["funded_by"] == "城厢区文旅局"


def test_agencies_have_valid_credit_codes_and_required_names(putian):
    names = {a["name"]: a for a in putian["agencies"]}
    for district in ("城厢区", "涵江区", "荔城区", "秀屿区", "仙游县"):
        for suffix in ("住建局", "自然资源局", "文旅局", "法院"):
            assert district + suffix in names
    assert "housing" in names["城厢区住建局"]["categories"]
    assert names["城厢区自然资源局"]["categories"] == ["land"]
    assert all(agencies.is_valid_credit_code(a["id"]) for a in putian["agencies"])
    competences = {c for a in putian["agencies"] for c in a["categories"]}
    assert {"housing", "land", "dispute", "production_safety", "epidemic", "public_facility",
            "environment", "public_security"} <= competences


def test_gaps_occur_at_about_their_documented_rates(putian):
    units = [a["code"] for a in putian["areas"] if a["tier"] == "unit"]
    led = {r["area_code"] for r in putian["leads"] if r["role"] == "unit_leader"}
    share = 1 - len(led & set(units)) / len(units)
    assert 0.01 < share < 0.04
    communities = {a["code"] for a in putian["areas"] if a["tier"] == "community"}
    paired = {p["community_org_id"][3:] for p in putian["pairings"] if p["until"] is None}
    unpaired = len(communities - paired) / len(communities)
    assert 0.04 < unpaired < 0.13
