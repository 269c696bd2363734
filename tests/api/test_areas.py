"""GET /areas, /areas/{code}, /areas/{code}/children over HTTP against the seeded test Neo4j."""

import pytest

PROBLEM = "application/problem+json"


def test_health_says_neo4j_is_up(api):
    r = api.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "neo4j": "up"}


def test_dongxing_detail_with_its_path(api):
    r = api.get("/api/v1/areas/350304100001")
    assert r.status_code == 200
    a = r.json()
    assert (a["name"], a["tier"], a["parent_code"]) == ("东星社区", "community", "350304100")
    assert [p["name"] for p in a["path"]] == ["莆田市", "荔城区", "西天尾镇", "东星社区"]
    assert [p["tier"] for p in a["path"]] == ["city", "district", "town", "community"]
    assert a["counts"] == {"grid": 33, "unit": 439}
    assert {"name": "陈元国", "role": "secretary"}.items() <= a["leaders"][0].items()
    assert any(o["kind"] == "committee" for o in a["party_orgs"])
    assert a["residents"] >= 10_000


def test_under_dongxing_33_grids_and_439_units(api):
    grids = api.get("/api/v1/areas", params={"within": "350304100001", "tier": "grid"}).json()
    units = api.get("/api/v1/areas", params={"within": "350304100001", "tier": "unit",
                                             "page_size": 500}).json()
    assert grids["total"] == 33 and len(grids["items"]) == 33
    assert units["total"] == 439 and len(units["items"]) == 439
    assert all(u["code"].startswith("350304100001") for u in units["items"])


def test_under_putian_979_communities_and_4600_grids(api):
    c = api.get("/api/v1/areas", params={"within": "350300", "tier": "community"}).json()
    g = api.get("/api/v1/areas", params={"within": "350300", "tier": "grid"}).json()
    assert c["total"] == 979
    assert g["total"] >= 4600


def test_children_are_one_tier_down_and_paged(api):
    first = api.get("/api/v1/areas/350304100001/children", params={"page_size": 20}).json()
    second = api.get("/api/v1/areas/350304100001/children",
                     params={"page_size": 20, "page": 2}).json()
    assert first["total"] == second["total"] == 33
    assert (len(first["items"]), len(second["items"])) == (20, 13)
    codes = [x["code"] for x in first["items"] + second["items"]]
    assert len(set(codes)) == 33 and all(x["tier"] == "grid" for x in first["items"])
    districts = api.get("/api/v1/areas/350300/children").json()
    names = {d["name"] for d in districts["items"]}
    assert names == {"城厢区", "涵江区", "荔城区", "秀屿区", "仙游县"}


def test_search_puts_exact_matches_first(api):
    r = api.get("/api/v1/areas", params={"q": "东星社区"}).json()
    assert r["items"][0]["code"] == "350304100001"
    partial = api.get("/api/v1/areas", params={"q": "东星"}).json()
    assert partial["total"] >= 1 and partial["items"][0]["name"] == "东星社区"
    assert api.get("/api/v1/areas", params={"q": "霞林街道", "tier": "town"}).json()[
        "items"][0]["code"] == "350302003"


def test_search_by_official_name_and_empty_results(api):
    r = api.get("/api/v1/areas", params={"q": "东星社区居委会"}).json()
    assert r["total"] == 1
    none = api.get("/api/v1/areas", params={"q": "不存在的地方"}).json()
    assert none == {"items": [], "total": 0, "page": 1, "page_size": 50}


@pytest.mark.parametrize("path", [
    "/api/v1/areas/350304100999",
    "/api/v1/areas/350399",
    "/api/v1/areas/350304100999/children",
])
def test_unknown_codes_are_404_problems(api, path):
    r = api.get(path)
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == 404 and "350" in body["detail"] and body["title"]


@pytest.mark.parametrize("path, params, field", [
    ("/api/v1/areas", {"tier": "province"}, "tier"),
    ("/api/v1/areas", {"page_size": 501}, "page_size"),
    ("/api/v1/areas", {"page_size": 0}, "page_size"),
    ("/api/v1/areas", {"page": 0}, "page"),
    ("/api/v1/areas", {"page": "two"}, "page"),
    ("/api/v1/areas", {"within": "35030"}, "within"),
    ("/api/v1/areas", {"within": "350300' OR 1=1 //"}, "within"),
    ("/api/v1/areas", {"q": "x" * 101}, "q"),
    ("/api/v1/areas/abc", {}, "code"),
    ("/api/v1/areas/3503041000011/children", {}, "code"),
    ("/api/v1/areas/350304100001/children", {"page_size": 1000}, "page_size"),
])
def test_bad_parameters_are_422_problems_naming_the_field(api, path, params, field):
    r = api.get(path, params=params)
    assert r.status_code == 422
    assert r.headers["Content-Type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == 422 and field in body["errors"] and body["detail"]


def test_unknown_route_and_method_are_problems(api):
    r = api.get("/api/v1/nothing")
    assert r.status_code == 404 and r.headers["Content-Type"].startswith(PROBLEM)
    import requests

    r = requests.delete(api.url + "/api/v1/areas/350300", timeout=10)
    assert r.status_code == 405 and r.headers["Content-Type"].startswith(PROBLEM)


def test_openapi_document_and_docs_page_served_locally(api):
    spec = api.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/health", "/api/v1/areas", "/api/v1/areas/{code}",
                 "/api/v1/areas/{code}/children"):
        assert path in spec["paths"], path
    page = api.get("/api/v1/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"):
        assert api.get(f"/api/v1/docs/assets/{asset}").status_code == 200


def test_the_document_states_what_an_area_code_looks_like(api):
    import re

    spec = api.get("/api/v1/openapi.json").json()
    (path_code,) = spec["paths"]["/api/v1/areas/{code}"]["parameters"]
    pattern = re.compile(path_code["schema"]["pattern"])
    # The pattern accepts what the API accepts and refuses what it refuses.
    for code, ok in (("350300", True), ("350304100", True), ("350304100001", True),
                     ("3503041000010", False), ("35030A", False), ("", False)):
        assert bool(pattern.search(code)) is ok, code
        answer = api.get(f"/api/v1/areas?within={code}")
        assert (answer.status_code == 200) is ok, (code, answer.status_code)
    unit = spec["components"]["schemas"]["NewEvent"]["properties"]["unit_code"]
    assert unit["pattern"] == "^[0-9]{18}$"
    lookup = {p["name"]: p for p in spec["paths"]["/api/v1/pairings"]["get"]["parameters"]}
    assert lookup["community"]["schema"]["pattern"] == path_code["schema"]["pattern"]
