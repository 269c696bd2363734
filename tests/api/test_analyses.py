"""The analysis endpoints over HTTP: the contract's shapes, roles, scope, and reasons."""

import pytest

from orggraph.tokens import create_token

BANTOU_UNIT = "350302003007001001"


@pytest.fixture(scope="module")
def licheng_analyst(seeded):
    return create_token(seeded, role="analyst", scope="350304", rate_limit=100_000)[0]


def test_coverage_gaps_shape(api):
    r = api.get("/api/v1/analyses/coverage-gaps", params={"within": "350302003"},
                token="analyst")
    assert r.status_code == 200
    body = r.json()
    assert set(body["summary"]) >= {"unit_without_leader", "unit_without_party_group",
                                    "grid_without_leader", "grid_without_branch",
                                    "community_without_pairing", "leader_overloaded",
                                    "category_unreachable"}
    assert body["total"] == sum(body["summary"].values()) == len(body["items"])
    for item in body["items"]:
        assert item["area"]["code"].startswith("350302003") and item["detail"]


def test_gap_kind_filter_and_paging(api):
    one = api.get("/api/v1/analyses/coverage-gaps", token="analyst",
                  params={"kind": "unit_without_leader", "page_size": 5}).json()
    assert len(one["items"]) == 5 and one["total"] == one["summary"]["unit_without_leader"]
    assert {i["kind"] for i in one["items"]} == {"unit_without_leader"}


def test_understaffed_grids_shape(api):
    rows = api.get("/api/v1/analyses/understaffed-grids", params={"limit": 5},
                   token="analyst").json()
    assert len(rows) == 5
    for r in rows:
        assert {"grid", "residents", "staff", "residents_per_staff", "score", "reasons"} <= set(r)
        assert set(r["staff"]) == {"grid_leaders", "unit_leaders", "secondees", "in_charge"}
        # the score's staff: the grid leader(s), the unit leaders and the grid's own secondees
        staff = r["staff"]["in_charge"]
        assert r["staff"]["grid_leaders"] + r["staff"]["unit_leaders"] <= staff
        assert r["residents_per_staff"] == round(r["residents"] / max(staff, 1), 1)
        # one finding per reason, each kind as the figures of its row say
        kinds = [f["kind"] for f in r["findings"]]
        assert len(kinds) == len(r["reasons"])
        assert ("no_grid_leader" in kinds) == (r["staff"]["grid_leaders"] == 0)
        assert ("no_secondee_nearby" in kinds) == (r["staff"]["secondees"] == 0)
        assert ("overloaded" in kinds) == (r["residents_per_staff"] > 150)
        for f in r["findings"]:
            if f["kind"] == "overloaded":
                assert f["residents_per_staff"] == round(r["residents_per_staff"])


def test_escalation_path_shape_and_people(api):
    r = api.get("/api/v1/escalation-path", params={"unit": BANTOU_UNIT, "category": "housing"},
                token="analyst")
    assert r.status_code == 200
    p = r.json()
    assert p["unit"]["code"] == BANTOU_UNIT and p["category"] == "housing"
    assert set(p["target"]) >= {"id", "name", "tier", "jurisdiction"}
    assert p["target"]["jurisdiction"] in ("350300", "350302", "350302003")
    assert p["total_hours"] == sum(h["expected_hours"] for h in p["hops"])
    assert all({"from", "to", "kind", "person", "expected_hours"} <= set(h) for h in p["hops"])
    assert all(h["expected_hours"] <= 8 for h in p["hops"])  # the same-day rule


def test_no_path_is_a_404_with_the_reason(api, seeded):
    gaps = api.get("/api/v1/analyses/coverage-gaps", token="analyst",
                   params={"kind": "category_unreachable", "page_size": 1}).json()["items"]
    gap = gaps[0]
    records, _, _ = seeded.driver.execute_query(
        "MATCH (u:Unit) WHERE u.code STARTS WITH $c RETURN u.code AS code LIMIT 1",
        {"c": gap["area"]["code"]}, database_=seeded.database)
    r = api.get("/api/v1/escalation-path", token="analyst",
                params={"unit": records[0]["code"], "category": gap["category"]})
    assert r.status_code == 404 and gap["category"] in r.json()["detail"]


@pytest.mark.parametrize("role, status", [("admin", 200), ("analyst", 200), ("reader", 403),
                                          ("org_chengxiang", 403), ("platform", 403)])
def test_roles(api, role, status):
    for path, params in (("/api/v1/analyses/coverage-gaps", {"within": "350302003007"}),
                         ("/api/v1/analyses/understaffed-grids", {"limit": 1}),
                         ("/api/v1/analyses/reachability", {"within": "350302003007"}),
                         ("/api/v1/escalation-path", {"unit": BANTOU_UNIT,
                                                      "category": "land"})):
        assert api.get(path, params=params, token=role).status_code == status, path


def test_scope(api, licheng_analyst):
    gaps = api.get("/api/v1/analyses/coverage-gaps", token=licheng_analyst).json()
    assert gaps["items"] and all(i["area"]["code"].startswith("350304") for i in gaps["items"])
    r = api.get("/api/v1/escalation-path", token=licheng_analyst,
                params={"unit": BANTOU_UNIT, "category": "housing"})
    assert r.status_code == 404
    outside = api.get("/api/v1/analyses/coverage-gaps", params={"within": "350302"},
                      token=licheng_analyst)
    assert outside.status_code == 404


@pytest.mark.parametrize("params, field", [
    ({"unit": BANTOU_UNIT, "category": "weather"}, "category"),
    ({"unit": "350302003007", "category": "housing"}, "unit"),
    ({"category": "housing"}, "unit"),
    ({"unit": BANTOU_UNIT, "category": "housing", "k": 99}, "k"),
])
def test_bad_parameters(api, params, field):
    r = api.get("/api/v1/escalation-path", params=params, token="analyst")
    assert r.status_code == 422 and field in r.json()["errors"]


def test_what_if_an_agency_were_gone(api):
    base = api.get("/api/v1/escalation-path", token="analyst",
                   params={"unit": BANTOU_UNIT, "category": "housing"}).json()
    gone = api.get("/api/v1/escalation-path", token="analyst", params={
        "unit": BANTOU_UNIT, "category": "housing",
        "without": f"agency:{base['target']['id']}"})
    assert gone.status_code == 200
    assert gone.json()["target"]["id"] != base["target"]["id"]
    assert gone.json()["total_hours"] >= base["total_hours"]


def test_what_if_a_unit_leader_were_gone(api):
    path = api.get("/api/v1/escalation-path", token="analyst",
                   params={"unit": BANTOU_UNIT, "category": "housing"}).json()
    leader = path["hops"][0]["person"]["id"]
    before = api.get("/api/v1/analyses/coverage-gaps", token="analyst",
                     params={"within": "350302003007"}).json()["summary"]
    after = api.get("/api/v1/analyses/coverage-gaps", token="analyst",
                    params={"within": "350302003007", "without": f"person:{leader}"})
    assert after.status_code == 200
    assert after.json()["summary"]["unit_without_leader"] > before["unit_without_leader"]
    cut = api.get("/api/v1/escalation-path", token="analyst", params={
        "unit": BANTOU_UNIT, "category": "housing", "without": f"person:{leader}"})
    assert cut.status_code == 404  # the unit's only way up waits on its leader


def test_critical_people_of_a_town(api, seeded):
    rows = api.get("/api/v1/analyses/critical-people", params={"within": "350302003"},
                   token="analyst").json()
    assert rows and rows == sorted(rows, key=lambda r: -r["communities_cut_off"])
    records, _, _ = seeded.driver.execute_query(
        """MATCH (s:Person)-[:SECRETARY_OF]->(:PartyOrg)-[:ORG_OF]->(g:Agency)
           -[:JURISDICTION]->(:Area {code: '350302003'})
           WHERE g.kind = 'platform_centre' RETURN s.id AS id""", database_=seeded.database)
    head = records[0]["id"]  # the town platform centre's head: everything passes through
    assert head in {r["person"]["id"] for r in rows}


@pytest.mark.parametrize("value", ["nobody", "person:nope", "agency:nope", "x:y"])
def test_unknown_without_is_422(api, value):
    r = api.get("/api/v1/escalation-path", token="analyst",
                params={"unit": BANTOU_UNIT, "category": "housing", "without": value})
    assert r.status_code == 422 and "without" in r.json()["errors"]


def test_recommendations_over_http(api):
    r = api.get("/api/v1/analyses/recommendations", params={"within": "350302",
                                                             "secondees": 3}, token="analyst")
    assert r.status_code == 200
    body = r.json()
    assert len(body["secondees"]) == 3 and all(s["reason"] for s in body["secondees"])
    assert all(p["community"]["code"].startswith("350302") and p["reason"]
               for p in body["pairings"])
    assert all(isinstance(p["agency_pairings"], int) for p in body["pairings"])
    # each placement says what its grid lacks, as the ranking of grids does
    grids = {g["grid"]["code"]: g for g in api.get(
        "/api/v1/analyses/understaffed-grids", params={"within": "350302", "limit": 5000},
        token="analyst").json()}
    for s in body["secondees"]:
        grid = grids[s["grid"]["code"]]
        assert s["findings"] == grid["findings"]
        assert s["residents_per_staff"] == grid["residents_per_staff"]
        assert s["residents_per_staff_after"] == round(
            grid["residents"] / (grid["staff"]["in_charge"] + s["secondees"]), 1)
    assert api.get("/api/v1/analyses/recommendations", token="reader").status_code == 403


def test_recommendations_place_several_in_a_grid_when_asked(api):
    def placed(**params):
        r = api.get("/api/v1/analyses/recommendations", token="analyst",
                    params={"within": "350302", "secondees": 6, **params})
        assert r.status_code == 200, r.text
        return r.json()["secondees"]

    one, three = placed(), placed(per_grid=3)
    assert sum(p["secondees"] for p in one) == 6 and all(p["secondees"] == 1 for p in one)
    assert sum(p["secondees"] for p in three) == 6
    assert max(p["secondees"] for p in three) <= 3
    # Allowing more per grid can only do as well or better in total.
    assert sum(p["score_drop"] for p in three) >= sum(p["score_drop"] for p in one) - 1e-6
    r = api.get("/api/v1/analyses/recommendations", token="analyst", params={"per_grid": 0})
    assert r.status_code == 422 and "per_grid" in r.json()["errors"]
