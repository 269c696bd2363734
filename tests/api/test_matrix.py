"""Every endpoint x every role x inside/outside the token's scope, over HTTP.

All tokens here are scoped to 霞林街道 (350302003). Inside: 霞林社区 and 坂头社区; outside:
东星社区 in 荔城区. Reads: every role reads inside; a single object outside is 404 and a list
asked for outside is empty. Writes: admin and org_department write inside; outside is refused
as if the target did not exist; other roles get 403. Audit: admin and org_department only.
Tokens: admin only.
"""

import itertools
import random
import time

import pytest

from orggraph.tokens import create_token

ROLES = ("admin", "org_department", "analyst", "platform", "reader")
WRITERS = {"admin", "org_department"}
SCOPE = "350302003"
INSIDE, OUTSIDE = "350302003003", "350304100001"  # 霞林社区, 东星社区
# Dates of a year no earlier run used (the test database outlives a run), one per case.
_YEAR = random.Random(time.time_ns()).randrange(2100, 9900)
_dates = (f"{_YEAR}-{m:02d}-{d:02d}" for m, d in itertools.product(range(1, 13), range(1, 29)))


@pytest.fixture(scope="module")
def scoped(seeded):
    return {role: create_token(seeded, role=role, scope=SCOPE, rate_limit=100_000)[0]
            for role in ROLES}


@pytest.fixture(scope="module")
def ids(api):
    """One pairing, linkage and secondment inside and outside, and an agency to pair."""
    out = {}
    for where, code in (("in", INSIDE), ("out", OUTSIDE)):
        p = api.get("/api/v1/pairings", params={"community": code}).json()["items"][0]
        s = api.get("/api/v1/secondments", params={"within": code}).json()["items"][0]
        # Linkages reach communities and towns: one in the community's town.
        li = api.get("/api/v1/linkages", params={"within": code[:9]}).json()["items"][0]
        # The community's Party secretary: a person with no secondment of their own.
        out[where] = {"pairing": p["id"], "secondment": s["id"], "linkage": li["id"],
                      "person": f"ps-{code}"}
    agencies = api.get("/api/v1/agencies", params={"q": "城厢区卫健局"}).json()
    out["agency"] = agencies["items"][0]["id"]
    return out


READS = [
    ("area", "/api/v1/areas/{code}"),
    ("children", "/api/v1/areas/{code}/children"),
    ("pairing", "/api/v1/pairings/{pairing}"),
    ("secondment", "/api/v1/secondments/{secondment}"),
    ("linkage", "/api/v1/linkages/{linkage}"),
]
LISTS = ["/api/v1/areas", "/api/v1/pairings", "/api/v1/linkages", "/api/v1/secondments",
         "/api/v1/agencies"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
@pytest.mark.parametrize("name, path", READS)
def test_single_reads(api, scoped, ids, role, where, name, path):
    code = INSIDE if where == "in" else OUTSIDE
    r = api.get(path.format(code=code, **ids[where]), token=scoped[role])
    assert r.status_code == (200 if where == "in" else 404), r.text


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
@pytest.mark.parametrize("path", LISTS)
def test_list_reads(api, scoped, role, where, path):
    code = SCOPE if where == "in" else OUTSIDE
    r = api.get(path, params={"within": code}, token=scoped[role])
    assert r.status_code == 200
    body = r.json()
    if where == "out":
        assert body["total"] == 0 and body["items"] == []
    else:
        assert body["total"] > 0
    for item in body["items"]:
        code_of = (item.get("code") or (item.get("community") or {}).get("code")
                   or (item.get("area") or {}).get("code"))
        if code_of:
            assert code_of.startswith(SCOPE)
        else:  # agencies: those serving the scope: its town, district or city
            assert SCOPE.startswith(item["jurisdiction"]["code"][:4])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
def test_create_pairing(api, scoped, ids, role, where):
    code = INSIDE if where == "in" else OUTSIDE
    body = {"agency_id": ids["agency"], "community_code": code, "since": next(_dates),
            "until": None}
    body["until"] = body["since"]  # a one-day pairing never overlaps the next case's
    r = api.post("/api/v1/pairings", json=body, token=scoped[role])
    if role not in WRITERS:
        assert r.status_code == 403
    elif where == "in":
        assert r.status_code == 201, r.text
    else:
        assert r.status_code == 422 and "community_code" in r.json()["errors"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
@pytest.mark.parametrize("kind", ["pairing", "linkage", "secondment"])
def test_end(api, scoped, ids, role, where, kind):
    # A fresh object to end, made by the city's admin.
    code = INSIDE if where == "in" else OUTSIDE
    day = next(_dates)
    later = next(_dates)  # closed [day, later]: ending it on `day` is still a change, and
    if kind == "pairing":  # the next case's period starts after it
        made = api.post("/api/v1/pairings", json={"agency_id": ids["agency"],
                        "community_code": code, "since": day, "until": later})
    elif kind == "linkage":
        made = api.post("/api/v1/linkages", json={"agency_id": ids["agency"],
                        "area_code": code, "since": day, "until": later})
    else:
        made = api.post("/api/v1/secondments", json={"person_id": ids[where]["person"],
                        "area_code": code, "role": "cppcc_member", "since": day,
                        "until": day})
    assert made.status_code == 201, made.text
    r = api.post(f"/api/v1/{kind}s/{made.json()['id']}/end", json={"until": day},
                 token=scoped[role])
    if kind == "secondment":  # already ended that day: a conflict for those who may see it
        expected = 403 if role not in WRITERS else (409 if where == "in" else 404)
    else:
        expected = 403 if role not in WRITERS else (200 if where == "in" else 404)
    assert r.status_code == expected, r.text


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
@pytest.mark.parametrize("kind", ["pairing", "linkage", "secondment"])
def test_withdraw(api, scoped, ids, role, where, kind):
    code = INSIDE if where == "in" else OUTSIDE
    day, later = next(_dates), next(_dates)  # closed, so no run leaves an open one behind
    if kind == "pairing":
        body = {"agency_id": ids["agency"], "community_code": code}
    elif kind == "linkage":
        body = {"agency_id": ids["agency"], "area_code": code}
    else:
        body = {"person_id": ids[where]["person"], "area_code": code, "role": "cppcc_member"}
    made = api.post(f"/api/v1/{kind}s", json={**body, "since": day, "until": later})
    assert made.status_code == 201, made.text
    r = api.request("DELETE", f"/api/v1/{kind}s/{made.json()['id']}",
                    headers={"If-Match": made.headers["ETag"]}, token=scoped[role])
    _expect_write(r, role, where, 204)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
def test_create_linkage_and_secondment(api, scoped, ids, role, where):
    code = INSIDE if where == "in" else OUTSIDE
    day = next(_dates)
    link = api.post("/api/v1/linkages", json={"agency_id": ids["agency"], "area_code": code,
                                              "since": day, "until": day}, token=scoped[role])
    second = api.post("/api/v1/secondments", json={
        "person_id": ids["in"]["person"], "area_code": code, "role": "npc_deputy",
        "since": day, "until": day}, token=scoped[role])
    for r in (link, second):
        if role not in WRITERS:
            assert r.status_code == 403
        else:
            assert r.status_code == (201 if where == "in" else 422), r.text


@pytest.mark.parametrize("role", ROLES)
def test_audit(api, scoped, role):
    r = api.get("/api/v1/audit", token=scoped[role])
    if role in WRITERS:
        assert r.status_code == 200
        assert all(x["area_code"] is None or x["area_code"].startswith(SCOPE)
                   for x in r.json()["items"])
    else:
        assert r.status_code == 403


def _expect_write(r, role, where, ok):
    if role not in WRITERS:
        assert r.status_code == 403, r.text
    else:
        assert r.status_code == (ok if where == "in" else 404), r.text


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
def test_add_project(api, scoped, ids, role, where):
    r = api.post(f"/api/v1/pairings/{ids[where]['pairing']}/projects", token=scoped[role],
                 json={"title": "测试项目", "amount": 1000, "funded_by": "社区专项经费",
                       "date": next(_dates)})
    _expect_write(r, role, where, 201)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
def test_correct_and_withdraw_project(api, scoped, ids, role, where):
    day, later = next(_dates), next(_dates)  # closed, so no run leaves an open one behind
    made = api.post("/api/v1/pairings", json={
        "agency_id": ids["agency"], "community_code": INSIDE if where == "in" else OUTSIDE,
        "since": day, "until": later})
    assert made.status_code == 201, made.text
    pid = made.json()["id"]
    added = api.post(f"/api/v1/pairings/{pid}/projects", json={
        "title": "测试项目", "amount": 1000, "funded_by": "社区专项经费", "date": day})
    assert added.status_code == 201, added.text
    xid = added.json()["projects"][0]["id"]
    fixed = api.patch(f"/api/v1/pairings/{pid}/projects/{xid}", json={"amount": 2000},
                      headers={"If-Match": added.headers["ETag"]}, token=scoped[role])
    _expect_write(fixed, role, where, 200)
    r = api.request("DELETE", f"/api/v1/pairings/{pid}/projects/{xid}",
                    headers={"If-Match": fixed.headers.get("ETag", added.headers["ETag"])},
                    token=scoped[role])
    _expect_write(r, role, where, 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
def test_end_linkage(api, scoped, ids, role, where):
    day, later = next(_dates), next(_dates)
    made = api.post("/api/v1/linkages", json={"agency_id": ids["agency"], "since": day,
                    "area_code": INSIDE if where == "in" else OUTSIDE,
                    "until": later})  # closed: no run leaves an open one behind
    assert made.status_code == 201, made.text
    r = api.post(f"/api/v1/linkages/{made.json()['id']}/end", json={"until": day},
                 token=scoped[role])
    _expect_write(r, role, where, 200)


def _next_day(history: list[dict]) -> str:
    """A start date after the current holder's, so the replacement is valid."""
    from datetime import date, timedelta

    latest = max((date.fromisoformat(h["since"]) for h in history), default=date(2022, 1, 1))
    return (latest + timedelta(days=1)).isoformat()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
@pytest.mark.parametrize("kind", ["leader", "secretary"])
def test_set_leader_and_secretary(api, scoped, role, where, kind):
    code = INSIDE if where == "in" else OUTSIDE
    if kind == "leader":
        put, history = f"/api/v1/areas/{code}001001/leader", \
            f"/api/v1/areas/{code}001001/leaders/history"
    else:
        put, history = f"/api/v1/party-orgs/po-{code}/secretary", \
            f"/api/v1/party-orgs/po-{code}/secretaries/history"
    since = _next_day(api.get(history).json())
    r = api.request("PUT", put, token=scoped[role], json={"name": "测试", "since": since})
    _expect_write(r, role, where, 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
@pytest.mark.parametrize("path", ["/api/v1/areas/{code}001001/leaders/history",
                                  "/api/v1/party-orgs/po-{code}/secretaries/history"])
def test_histories(api, scoped, role, where, path):
    code = INSIDE if where == "in" else OUTSIDE
    r = api.get(path.format(code=code), token=scoped[role])
    assert r.status_code == (200 if where == "in" else 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
def test_import(api, scoped, ids, role, where):
    day = next(_dates)
    code = INSIDE if where == "in" else OUTSIDE
    data = f"agency_id,community_code,since,until\n{ids['agency']},{code},{day},{day}\n"
    r = api.post("/api/v1/imports", data={"kind": "pairings"},
                 files={"file": ("r.csv", data.encode())}, token=scoped[role])
    if role not in WRITERS:
        assert r.status_code == 403
    elif where == "in":
        assert r.status_code == 201 and r.json()["created"] == 1, r.text
    else:
        assert r.status_code == 422 and r.json()["rows"][0]["column"] == "community_code"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["in", "out"])
def test_tokens(api, seeded, scoped, role, where):
    """Tokens are the admins': made for an area inside the scope (outside: no such area), and
    listed and revoked only if scoped inside it (outside: as if it did not exist)."""
    code = INSIDE if where == "in" else OUTSIDE
    _, other = create_token(seeded, role="reader", scope=code, name=f"test matrix {where}")
    made = api.post("/api/v1/tokens", token=scoped[role], json={"role": "reader", "scope": code})
    listed = api.get("/api/v1/tokens", token=scoped[role], params={"page_size": 500})
    revoked = api.post(f"/api/v1/tokens/{other['id']}/revoke", token=scoped[role])
    if role != "admin":
        assert (made.status_code, listed.status_code, revoked.status_code) == (403, 403, 403)
        return
    assert listed.status_code == 200
    assert all(t["scope_code"].startswith(SCOPE) for t in listed.json()["items"])
    assert (other["id"] in {t["id"] for t in listed.json()["items"]}) == (where == "in")
    if where == "in":
        assert made.status_code == 201 and revoked.status_code == 200, (made.text, revoked.text)
    else:
        assert made.status_code == 422 and revoked.status_code == 404, (made.text, revoked.text)
