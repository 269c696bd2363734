"""The analyses on the seeded graph, cross-checked against independent Cypher counts."""

from collections import Counter

import pytest

from orggraph import analysis
from orggraph.auth import Caller
from orggraph.projection import ProjectionCache

pytestmark = pytest.mark.usefixtures("seeded")
ANALYST = Caller.of("test", "analyst", "350300", name="test analyst")


def q(store, cypher, **params):
    records, _, _ = store.driver.execute_query(cypher, params, database_=store.database)
    return [r.data() for r in records]


@pytest.fixture(scope="module")
def cache():
    return ProjectionCache()


@pytest.fixture(scope="module")
def gaps(store, cache):
    return analysis.gaps(store, ANALYST, cache)


ACTIVE = "r.since <= date() AND (r.until IS NULL OR r.until > date())"
CYPHER_COUNTS = {
    "unit_without_leader": f"""
        MATCH (u:Unit) WHERE NOT EXISTS {{ (:Person)-[r:LEADS {{role: 'unit_leader'}}]->(u)
                                          WHERE {ACTIVE} }}
        RETURN count(u) AS n""",
    "unit_without_party_group": """
        MATCH (u:Unit) WHERE NOT EXISTS { (:PartyOrg)-[:ORG_OF|COVERS]->(u) }
        RETURN count(u) AS n""",
    "grid_without_leader": f"""
        MATCH (g:Grid) WHERE NOT EXISTS {{ (:Person)-[r:LEADS {{role: 'grid_leader'}}]->(g)
                                          WHERE {ACTIVE} }}
        RETURN count(g) AS n""",
    "grid_without_branch": """
        MATCH (g:Grid) WHERE NOT EXISTS { (:PartyOrg)-[:ORG_OF|COVERS]->(g) }
        RETURN count(g) AS n""",
    "community_without_pairing": """
        MATCH (c:Community) WHERE NOT EXISTS {
          (c)<-[:ORG_OF]-(:PartyOrg)<-[:COMMUNITY_ORG]-(p:Pairing)
          WHERE p.since <= date() AND (p.until IS NULL OR p.until >= date()) }
        RETURN count(c) AS n""",
    "leader_overloaded": f"""
        MATCH (p:Person)-[r:LEADS {{role: 'unit_leader'}}]->(u:Unit) WHERE {ACTIVE}
        WITH p, count(u) AS units, sum(u.residents) AS residents
        WHERE units > 2 OR residents > 250
        RETURN count(p) AS n""",
    # A community reaches a category if a competent agency covering it is reachable: through
    # the platform centres of its town, district or city (each centre present up the chain),
    # through a platform centre it calls itself and that centre's chain, or directly through
    # its own pairing, linkage or secondee.
    "category_unreachable": """
        MATCH (c:Community), (cat:Category)
        WITH c, cat, left(c.code, 9) AS town, left(c.code, 6) AS district,
             left(c.code, 4) + '00' AS city
        WITH c, cat, town, district, city,
             EXISTS { (:Agency {kind: $pc})-[:JURISDICTION]->(:Area {code: town}) } AS p_town,
             EXISTS { (:Agency {kind: $pc})-[:JURISDICTION]->(:Area {code: district}) }
               AS p_district,
             EXISTS { (:Agency {kind: $pc})-[:JURISDICTION]->(:Area {code: city}) } AS p_city
        WITH c, cat,
             [x IN [[town, p_town], [district, p_town AND p_district],
                    [city, p_town AND p_district AND p_city]] WHERE x[1] | x[0]] AS via_chain,
             // Platform centres the community calls itself (a pairing, linkage or secondee
             // of a centre): each dispatches in its own area and escalates up its own chain.
             [(c)<-[:LINKS_AREA]-(l:Linkage)-[:LINKS_AGENCY]->(:Agency {kind: $pc})
                 -[:JURISDICTION]->(j) WHERE l.since <= date()
                 AND (l.until IS NULL OR l.until >= date()) | j.code]
             + [(c)<-[:TO_AREA]-(s:Secondment)-[:FROM_AGENCY]->(:Agency {kind: $pc})
                 -[:JURISDICTION]->(j) WHERE s.since <= date()
                 AND (s.until IS NULL OR s.until >= date()) | j.code]
             + [(c)<-[:ORG_OF]-(:PartyOrg)<-[:COMMUNITY_ORG]-(p:Pairing)-[:AGENCY_ORG]->
                 (:PartyOrg)-[:ORG_OF]->(:Agency {kind: $pc})-[:JURISDICTION]->(j)
                 WHERE p.since <= date() AND (p.until IS NULL OR p.until >= date())
                 | j.code] AS called
        // (as strings, which the type check of what follows needs to be told)
        WITH c, cat, via_chain, [code IN called | toString(code)] AS called
        WITH c, cat, via_chain + called
             + [area IN called WHERE size(area) = 9 AND EXISTS {
                  (:Agency {kind: $pc})-[:JURISDICTION]->(:Area {code: left(area, 6)}) }
                | left(area, 6)]
             + [area IN called WHERE size(area) IN [6, 9] AND EXISTS {
                  (:Agency {kind: $pc})-[:JURISDICTION]->(:Area {code: left(area, 4) + '00'}) }
                  AND (size(area) = 6 OR EXISTS {
                  (:Agency {kind: $pc})-[:JURISDICTION]->(:Area {code: left(area, 6)}) })
                | left(area, 4) + '00'] AS via_chain
        WHERE NOT EXISTS {
                MATCH (g:Agency)-[:COMPETENT_FOR]->(cat), (g)-[:JURISDICTION]->(j:Area)
                WHERE j.code IN via_chain
                  AND c.code STARTS WITH (CASE j.tier WHEN 'city' THEN left(j.code, 4)
                                          ELSE j.code END) }
          AND NOT EXISTS {
                MATCH (g:Agency)-[:COMPETENT_FOR]->(cat), (g)-[:JURISDICTION]->(j:Area)
                WHERE c.code STARTS WITH (CASE j.tier WHEN 'city' THEN left(j.code, 4)
                                          ELSE j.code END)
                  AND (EXISTS { (g)<-[:ORG_OF]-(:PartyOrg)<-[:AGENCY_ORG]-(p:Pairing)
                                -[:COMMUNITY_ORG]->(:PartyOrg)-[:ORG_OF]->(c)
                                WHERE p.since <= date() AND (p.until IS NULL OR p.until >= date()) }
                    OR EXISTS { (g)<-[:LINKS_AGENCY]-(l:Linkage)-[:LINKS_AREA]->(c)
                                WHERE l.since <= date() AND (l.until IS NULL OR l.until >= date()) }
                    OR EXISTS { (g)<-[:FROM_AGENCY]-(s:Secondment)-[:TO_AREA]->(c)
                                WHERE s.since <= date()
                                  AND (s.until IS NULL OR s.until >= date()) })
              }
        RETURN count(*) AS n""",
}


@pytest.mark.parametrize("kind", sorted(CYPHER_COUNTS))
def test_each_gap_count_equals_an_independent_cypher_count(store, gaps, kind):
    expected = q(store, CYPHER_COUNTS[kind], pc="platform_centre")[0]["n"]
    assert gaps["summary"][kind] == expected
    assert Counter(i["kind"] for i in gaps["items"])[kind] == expected


def test_the_seed_has_every_kind_of_gap(gaps):
    assert all(n > 0 for n in gaps["summary"].values()), gaps["summary"]


def test_a_seeded_unpaired_community_is_reported(store, gaps):
    code = q(store, CYPHER_COUNTS["community_without_pairing"].replace(
        "RETURN count(c) AS n", "RETURN c.code AS code ORDER BY code LIMIT 1"))[0]["code"]
    reported = {i["area"]["code"] for i in gaps["items"] if i["kind"] ==
                "community_without_pairing"}
    assert code in reported


def test_joint_party_orgs_are_not_gaps(store, gaps):
    joint = q(store, """MATCH (:PartyOrg {kind: 'group'})-[:COVERS]->(u:Unit)
                        RETURN collect(u.code) AS codes""")[0]["codes"]
    flagged = {i["area"]["code"] for i in gaps["items"] if i["kind"] ==
               "unit_without_party_group"}
    assert joint and not flagged & set(joint)


def test_housing_path_from_bantou_stays_in_chengxiang(store, cache):
    unit = q(store, """MATCH (u:Unit)-[:PART_OF]->(:Grid)-[:PART_OF]->
                       (:Community {code: '350302003007'}) RETURN u.code AS code
                       ORDER BY code LIMIT 1""")[0]["code"]
    path = analysis.escalate(store, ANALYST, cache, unit=unit, category="housing", k=3)
    for route in [path, *path["alternatives"]]:
        jurisdiction = route["target"]["jurisdiction"]
        assert jurisdiction in ("350300", "350302") or unit.startswith(jurisdiction)
        assert route["hops"][0]["from"]["code"] == unit
        assert route["total_hours"] == sum(h["expected_hours"] for h in route["hops"])
    assert path["target"]["jurisdiction"] != "350300"  # its own district answers first
    assert path["hops"][0]["person"] is not None  # the unit leader


def test_what_cannot_be_reached_says_why(store, cache):
    unreachable = [i for i in analysis.gaps(store, ANALYST, cache)["items"]
                   if i["kind"] == "category_unreachable"]
    gap = unreachable[0]
    unit = q(store, """MATCH (u:Unit)-[:PART_OF]->(:Grid)-[:PART_OF]->(:Community {code: $c})
                       RETURN u.code AS code LIMIT 1""", c=gap["area"]["code"])[0]["code"]
    from orggraph.errors import NotFound

    with pytest.raises(NotFound, match=gap["category"]):
        analysis.escalate(store, ANALYST, cache, unit=unit, category=gap["category"])


def test_understaffed_grids_are_ranked_worst_first(store, cache):
    rows = analysis.understaffed(store, ANALYST, cache, limit=100)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert all(r["reasons"] for r in rows[:10])
    within = analysis.understaffed(store, ANALYST, cache, within="350302003", limit=5)
    assert all(r["grid"]["code"].startswith("350302003") for r in within)


def test_projection_is_cached_until_the_graph_changes(store, cache, api):
    analysis.gaps(store, ANALYST, cache)  # whatever other tests changed meanwhile
    before = cache.builds
    analysis.gaps(store, ANALYST, cache)
    assert cache.builds == before  # warm
    from datetime import date, timedelta

    unit = "350302003003002001"
    history = api.get(f"/api/v1/areas/{unit}/leaders/history").json()
    latest = max((date.fromisoformat(h["since"]) for h in history), default=date(2022, 1, 1))
    changed = api.request("PUT", f"/api/v1/areas/{unit}/leader",
                          json={"name": "新单元长", "since": str(latest + timedelta(days=1))})
    assert changed.status_code == 200
    analysis.gaps(store, ANALYST, cache)
    assert cache.builds == before + 1  # any audited change moves the version


def test_recommended_pairings_cover_unpaired_communities_within_their_district(store, cache):
    rec = analysis.recommendations(store, ANALYST, cache, secondees=5)
    gaps = analysis.gaps(store, ANALYST, cache)
    unpaired = {i["area"]["code"] for i in gaps["items"]
                if i["kind"] == "community_without_pairing"}
    proposed = {p["community"]["code"] for p in rec["pairings"]}
    assert proposed == unpaired  # each gets one, no paired community is proposed
    jurisdiction = {r["id"]: r["jurisdiction"] for r in q(store, """
        MATCH (g:Agency)-[:JURISDICTION]->(j) RETURN g.id AS id, j.code AS jurisdiction""")}
    for p in rec["pairings"]:
        j = jurisdiction[p["agency"]["id"]]
        assert j in (p["community"]["code"][:6], "350300") and p["reason"]
    # Closing a gap outweighs balance; where nothing is closed, the load is levelled: the
    # chosen agency ends with at most one pairing more than the least loaded candidate.
    load = Counter({r["id"]: r["n"] for r in q(store, """
        MATCH (g:Agency)<-[:ORG_OF]-(:PartyOrg)<-[:AGENCY_ORG]-(p:Pairing)
        WHERE p.since <= date() AND (p.until IS NULL OR p.until >= date())
        RETURN g.id AS id, count(p) AS n""")})
    load.update(p["agency"]["id"] for p in rec["pairings"])
    kinds = {r["id"]: r["kind"] for r in q(store, "MATCH (g:Agency) RETURN g.id AS id, "
                                                  "g.kind AS kind")}
    for p in rec["pairings"]:
        if p["closes"]:
            continue
        district = p["community"]["code"][:6]
        candidates = [a for a, j in jurisdiction.items() if j in (district, "350300")
                      and kinds[a] != "platform_centre"]
        assert load[p["agency"]["id"]] <= min(load[a] for a in candidates) + 1


def test_pairings_close_unreachable_categories_when_they_can(store, cache):
    rec = analysis.recommendations(store, ANALYST, cache, secondees=0)
    unreachable = {(i["area"]["code"], i["category"]) for i in
                   analysis.gaps(store, ANALYST, cache)["items"]
                   if i["kind"] == "category_unreachable"}
    for p in rec["pairings"]:
        for category in p["closes"]:
            assert (p["community"]["code"], category) in unreachable


def test_secondee_placements_go_where_the_score_drops_most(store, cache):
    rec = analysis.recommendations(store, ANALYST, cache, within="350302", secondees=5)
    placed = rec["secondees"]
    assert len(placed) == 5 and all(p["grid"]["code"].startswith("350302") for p in placed)
    drops = [p["score_drop"] for p in placed]
    assert drops == sorted(drops, reverse=True) and all(d > 0 for d in drops)


def test_a_stale_projection_is_freed_when_the_next_is_built(store):
    # The cache freezes what it holds (gc.freeze); a projection it drops must still be
    # collected, not kept frozen for the life of the process.
    import weakref

    from orggraph.audit import network_changed

    cache = ProjectionCache()
    analysis.gaps(store, ANALYST, cache)
    stale = weakref.ref(cache.graph(store, ANALYST.scope.prefix))
    store.transact(network_changed)  # what any change to the network does
    analysis.gaps(store, ANALYST, cache)
    assert stale() is None
    assert cache.builds == 2
    fresh = weakref.ref(cache.graph(store, ANALYST.scope.prefix))
    cache.clear()
    assert fresh() is None


def test_requests_that_want_the_same_projection_at_once_build_it_once(store):
    # A screen asks for several analyses at the same moment; each must not build its own.
    import threading

    cache, ready = ProjectionCache(), threading.Barrier(4)
    got = []

    def first_request():
        ready.wait()
        got.append(cache.graph(store, ANALYST.scope.prefix))

    threads = [threading.Thread(target=first_request) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.builds == 1
    assert len(got) == 4 and all(G is got[0] for G in got)
    assert not cache.building
    cache.clear()


def test_a_failed_build_fails_its_waiters_alike_and_the_next_request_builds(store, monkeypatch):
    import threading
    import time

    from orggraph import projection
    from orggraph.errors import Unavailable

    real, calls = projection.build, []

    def build_failing_once(*args):
        calls.append(args)
        if len(calls) == 1:
            time.sleep(0.5)  # long enough for the waiters to find the build under way
            raise Unavailable("the database went away")
        return real(*args)

    monkeypatch.setattr(projection, "build", build_failing_once)
    cache, errors = ProjectionCache(), []

    def request():
        try:
            cache.graph(store, ANALYST.scope.prefix)
        except Unavailable as e:
            errors.append(e)

    builder = threading.Thread(target=request)
    builder.start()
    while not cache.building:
        time.sleep(0.005)
    waiters = [threading.Thread(target=request) for _ in range(3)]
    for t in waiters:
        t.start()
    for t in [builder, *waiters]:
        t.join()
    assert len(errors) == 4 and len(calls) == 1  # one build, its error given to all four
    assert not cache.building and not cache.entries
    G = cache.graph(store, ANALYST.scope.prefix)
    assert len(calls) == 2 and cache.builds == 1 and G.number_of_nodes() > 0
    cache.clear()


def test_a_warmed_area_serves_its_first_analyses_and_routed_events_without_a_build(store):
    assert analysis.warm_areas(store, None) == ("350300",)  # the seed's one city
    assert analysis.warm_areas(store, ("350304",)) == ("350304",)
    assert analysis.warm_areas(store, ()) == ()
    cache = ProjectionCache()
    nodes, seconds = analysis.warm(store, cache, "350300")
    G = cache.graph(store, "3503")
    assert nodes == G.number_of_nodes() > 0 and seconds > 0 and cache.builds == 1
    computed = set(G.graph["memo"])
    analysis.gaps(store, ANALYST, cache)
    analysis.gap_map(store, ANALYST, cache)
    analysis.understaffed(store, ANALYST, cache, limit=30)
    analysis.recommendations(store, ANALYST, cache, secondees=10)
    event = {"unit_code": "350302003003002001", "category": "dispute", "level": "unit",
             "area_code": "350302003003002001"}
    assert analysis.route(store, cache, event)["best"] is not None
    # Nothing was built, and the screen's analyses found their results made.
    assert cache.builds == 1 and set(G.graph["memo"]) == computed
    assert analysis.warm(store, cache, "350500")[0] == 0  # an area the graph does not hold
    cache.clear()
