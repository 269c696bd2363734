"""The loaded Putian seed in the real test Neo4j: tree integrity and the article's facts.

These cross-check the graph with Cypher written here, independent of the app's statements.
"""

import pytest

from orggraph import codes

pytestmark = pytest.mark.usefixtures("seeded")


def q(store, cypher, **params):
    records, _, _ = store.driver.execute_query(cypher, params, database_=store.database)
    return [r.data() for r in records]


def test_every_non_city_area_has_one_parent_one_tier_up_whose_code_it_extends(store):
    rows = q(store, """
        MATCH (a:Area) WHERE a.tier <> 'city'
        OPTIONAL MATCH (a)-[:PART_OF]->(p:Area)
        WITH a, collect(p) AS parents
        RETURN a.code AS code, a.tier AS tier,
               [p IN parents | p.code] AS parents, [p IN parents | p.tier] AS tiers""")
    tiers = ["city", "district", "town", "community", "grid", "unit"]
    bad = []
    for r in rows:
        ok = (len(r["parents"]) == 1
              and tiers.index(r["tiers"][0]) == tiers.index(r["tier"]) - 1
              and r["code"].startswith(codes.prefix(r["parents"][0])))
        if not ok:
            bad.append(r)
    assert len(rows) > 40_000
    assert bad == []
    assert q(store, "MATCH (c:City)-[:PART_OF]->() RETURN count(*) AS n")[0]["n"] == 0


def test_tier_labels_match_the_tier_property(store):
    rows = q(store, """
        MATCH (a:Area)
        RETURN a.tier AS tier, [l IN labels(a) WHERE l <> 'Area'] AS labels, count(*) AS n""")
    label = {"city": "City", "district": "District", "town": "Town", "community": "Community",
             "grid": "Grid", "unit": "Unit"}
    assert all(r["labels"] == [label[r["tier"]]] for r in rows)


def test_putian_counts(store):
    rows = q(store, """
        MATCH (a:Area) WHERE a.code STARTS WITH '3503'
        RETURN a.tier AS tier, count(*) AS n""")
    n = {r["tier"]: r["n"] for r in rows}
    assert (n["city"], n["district"], n["town"], n["community"]) == (1, 5, 57, 979)
    assert n["grid"] >= 4600


def test_dongxing_has_33_grids_439_units_and_its_secretary(store):
    row = q(store, """
        MATCH (c:Community {code: '350304100001'})
        RETURN COUNT { (:Grid)-[:PART_OF]->(c) } AS grids,
               COUNT { (:Unit)-[:PART_OF]->(:Grid)-[:PART_OF]->(c) } AS units,
               c.residents AS residents,
               [(p:Person)-[:SECRETARY_OF]->(:PartyOrg)-[:ORG_OF]->(c) | p.name] AS secretaries
    """)[0]
    assert (row["grids"], row["units"]) == (33, 439)
    assert row["residents"] >= 10_000
    assert row["secretaries"] == ["陈元国"]


def test_xialin_and_jiulong(store):
    row = q(store, """
        MATCH (c:Community {code: '350302003003'})<-[:PART_OF]-(g:Grid {name: '九龙小区'})
        MATCH (b:PartyOrg {kind: 'branch'})-[:ORG_OF]->(g)
        MATCH (s:Person)-[:SECRETARY_OF]->(b)
        RETURN c.residents AS residents, s.name AS secretary""")[0]
    assert row["residents"] >= 30_000
    assert row["secretary"] == "陈伟山"
    pairing = q(store, """
        MATCH (pr:Pairing)-[:COMMUNITY_ORG]->(:PartyOrg)
              -[:ORG_OF]->(:Community {code: '350302003003'})
        MATCH (pr)-[:AGENCY_ORG]->(:PartyOrg)-[:ORG_OF]->(ag:Agency {name: '城厢区文旅局'})
        RETURN [(pr)-[:HAS_PROJECT]->(x) | x.title] AS projects""")
    assert len(pairing) == 1
    assert {"九龙小区老人活动室", "九龙小区儿童游乐场"} <= set(pairing[0]["projects"])


def test_dingpu_three_officials_one_lawyer_and_the_elevator(store):
    roles = q(store, """
        MATCH (s:Secondment)-[:TO_AREA]->(:Community {code: '350303001002'})
        MATCH (s)-[:FROM_AGENCY]->(a:Agency)
        RETURN s.role AS role, a.name AS agency""")
    got = {(r["role"], r["agency"]) for r in roles}
    assert {("judge", "涵江区法院"), ("prosecutor", "涵江区检察院"),
            ("police", "涵东街道派出所"), ("lawyer", "涵江区司法局")} <= got
    amount = q(store, """
        MATCH (x:Project {title: '居家养老服务中心电梯'})<-[:HAS_PROJECT]-(:Pairing)
              -[:COMMUNITY_ORG]->(:PartyOrg)-[:ORG_OF]->(:Community {code: '350303001002'})
        RETURN x.amount AS amount""")
    assert amount == [{"amount": 400_000}]


def test_bantou_can_call_housing_and_land_agencies_of_its_own_district(store):
    rows = q(store, """
        MATCH (l:Linkage)-[:LINKS_AREA]->(:Community {code: '350302003007'})
        MATCH (l)-[:LINKS_AGENCY]->(a:Agency)-[:JURISDICTION]->(j:Area)
        MATCH (a)-[:COMPETENT_FOR]->(c:Category)
        RETURN a.name AS agency, j.code AS jurisdiction, collect(c.key) AS categories""")
    assert {r["agency"] for r in rows} == {"城厢区住建局", "城厢区自然资源局"}
    assert all(r["jurisdiction"] == "350302" for r in rows)


def test_most_communities_paired_and_the_rest_documented_as_gaps(store):
    row = q(store, """
        MATCH (c:Community)
        RETURN count(c) AS all,
               sum(CASE WHEN EXISTS { (c)<-[:ORG_OF]-(:PartyOrg)<-[:COMMUNITY_ORG]-(p:Pairing)
                                      WHERE p.until IS NULL } THEN 0 ELSE 1 END) AS unpaired""")[0]
    assert row["all"] == 979
    assert 0.04 < row["unpaired"] / row["all"] < 0.13


def test_both_kinds_of_secondees_are_present(store):
    roles = {r["role"] for r in q(store, "MATCH (s:Secondment) RETURN DISTINCT s.role AS role")}
    assert {"npc_deputy", "party_congress_deputy", "cppcc_member"} <= roles  # 两代表一委员
    assert {"judge", "prosecutor", "police", "lawyer"} <= roles  # 三官一律


def test_realistic_gaps_exist_and_joint_orgs_are_not_counted_as_gaps(store):
    row = q(store, """
        MATCH (u:Unit)
        RETURN count(u) AS units,
          sum(CASE WHEN EXISTS { (:Person)-[:LEADS {role: 'unit_leader'}]->(u) }
              THEN 0 ELSE 1 END) AS leaderless,
          sum(CASE WHEN EXISTS { (:PartyOrg)-[:ORG_OF|COVERS]->(u) }
              THEN 0 ELSE 1 END) AS uncovered,
          sum(CASE WHEN EXISTS { (:PartyOrg)-[:COVERS]->(u) } THEN 1 ELSE 0 END) AS joint""")[0]
    assert 0.01 < row["leaderless"] / row["units"] < 0.04
    assert 0 < row["uncovered"] / row["units"] < 0.03
    assert row["joint"] > row["uncovered"] * 10
    overloaded = q(store, """
        MATCH (p:Person)-[:LEADS {role: 'unit_leader'}]->(u:Unit)
        WITH p, count(u) AS n WHERE n >= 3 RETURN count(p) AS n""")[0]["n"]
    assert overloaded > 0
