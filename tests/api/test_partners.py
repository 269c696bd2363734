"""Pairings, linkages, secondments over HTTP: the contract's rules, history, ETag,
Idempotency-Key, concurrency, and audit records one to one with changes."""

import random
import threading
import time

import pytest

from tests.conftest import count

YEAR = random.Random(time.time_ns() + 2).randrange(2100, 9900)


@pytest.fixture(scope="module")
def agency(api):
    """城厢区's command centre: the seed pairs no community with it, so nothing overlaps."""
    found = api.get("/api/v1/agencies", params={"q": "城厢区社会治理指挥中心"}).json()
    return found["items"][0]["id"]


def test_pairing_lifecycle_with_history_and_projects(api, agency):
    # Closed periods only: an open-ended one would overlap what later runs make on a kept
    # test database.
    body = {"agency_id": agency, "community_code": "350302003003", "since": f"{YEAR}-01-01",
            "until": f"{YEAR}-12-31"}
    made = api.post("/api/v1/pairings", json=body)
    assert made.status_code == 201 and made.headers["ETag"] == '"v1"'
    pid = made.json()["id"]
    try:
        _lifecycle(api, body, made, pid)
    finally:  # never leave an open pairing for the next run on the same database
        api.post(f"/api/v1/pairings/{pid}/end", json={"until": f"{YEAR}-06-30"})


def _lifecycle(api, body, made, pid):
    agency = body["agency_id"]
    assert made.json()["agency"]["id"] == agency and made.json()["until"] == f"{YEAR}-12-31"
    dup = api.post("/api/v1/pairings", json=dict(body, since=f"{YEAR}-05-01"))
    assert dup.status_code == 409 and pid in dup.json()["detail"]
    proj = api.post(f"/api/v1/pairings/{pid}/projects", json={
        "title": "九龙小区老人活动室二期", "amount": 50000, "funded_by": "城厢区社会治理指挥中心",
        "date": f"{YEAR}-02-01"}, headers={"If-Match": '"v1"'})
    assert proj.status_code == 201 and proj.headers["ETag"] == '"v2"'
    stale = api.post(f"/api/v1/pairings/{pid}/end", json={"until": f"{YEAR}-06-30"},
                     headers={"If-Match": '"v1"'})
    assert stale.status_code == 412
    ended = api.post(f"/api/v1/pairings/{pid}/end", json={"until": f"{YEAR}-06-30"},
                     headers={"If-Match": '"v2"'})
    assert ended.status_code == 200 and ended.json()["until"] == f"{YEAR}-06-30"
    again = api.post(f"/api/v1/pairings/{pid}/end", json={"until": f"{YEAR}-06-30"})
    assert again.status_code == 409

    def active(day):
        items = api.get("/api/v1/pairings", params={"community": "350302003003",
                                                    "active_on": day}).json()["items"]
        return {p["id"] for p in items}

    assert pid in active(f"{YEAR}-03-01") and pid not in active(f"{YEAR}-07-01")
    got = api.get(f"/api/v1/pairings/{pid}").json()
    assert got["projects"][0]["amount"] == 50000 and got["until"] == f"{YEAR}-06-30"


@pytest.mark.parametrize("body, field", [
    ({"community_code": "350302003", "since": "2030-01-01"}, "community_code"),  # a town
    ({"community_code": "350302003003", "since": "2030-13-01"}, "since"),
    ({"community_code": "350302003003", "since": "2030-05-01", "until": "2030-01-01"},
     "until"),
    ({"community_code": "350302003003"}, "since"),
    ({"community_code": "3503020030x3", "since": "2030-05-01"}, "community_code"),
])
def test_pairing_bad_fields_are_422_with_field_messages(api, agency, body, field):
    r = api.post("/api/v1/pairings", json={"agency_id": agency, **body})
    assert r.status_code == 422 and field in r.json()["errors"], r.text


@pytest.mark.parametrize("path,body", [
    ("pairings", {"community_code": "350302003003"}),
    ("linkages", {"area_code": "350302003003"}),
    ("secondments", {"area_code": "350302003003", "person_id": "NOBODY", "role": "npc_deputy"}),
])
def test_unknown_parties_are_422_naming_each(api, path, body):
    r = api.post(f"/api/v1/{path}", json={"agency_id": "NOPE", "since": "2030-01-01", **body})
    assert r.status_code == 422 and "agency_id" in r.json()["errors"], r.text
    # The detail a person reads names what is wrong, not only that something is.
    assert "no agency NOPE" in r.json()["detail"]
    if path == "secondments":
        assert "no person NOBODY" in r.json()["detail"] and "person_id" in r.json()["errors"]


def test_unknown_ids_are_404(api):
    for path in ("/api/v1/pairings/pr-nope", "/api/v1/secondments/sd-nope"):
        assert api.get(path).status_code == 404
    ended = api.post("/api/v1/pairings/pr-nope/end", json={"until": "2030-01-01"})
    assert ended.status_code == 404


def test_overlapping_secondment_in_the_same_role_is_409(api, seeded):
    person = f"test-person-{time.time_ns()}"  # someone with no secondment yet
    seeded.driver.execute_query("CREATE (:Person {id: $id, name: '测试代表'})", {"id": person},
                                database_=seeded.database)
    body = {"person_id": person, "area_code": "350302003007", "role": "party_congress_deputy",
            "since": f"{YEAR}-01-01", "until": f"{YEAR}-12-31"}
    made = api.post("/api/v1/secondments", json=body)
    assert made.status_code == 201
    # No phone on record: null, as the OpenAPI document allows.
    assert made.json()["person"]["phone"] is None
    ref = api.get("/api/v1/openapi.json").json()["components"]["schemas"]["Ref"]
    assert ref["properties"]["phone"].get("nullable") is True
    clash = api.post("/api/v1/secondments", json=dict(body, area_code="350302003003",
                                                      since=f"{YEAR}-06-01"))
    assert clash.status_code == 409
    other_role = api.post("/api/v1/secondments", json=dict(body, role="cppcc_member"))
    assert other_role.status_code == 201
    later = api.post("/api/v1/secondments", json=dict(body, since=f"{YEAR + 1}-01-01",
                                                      until=f"{YEAR + 1}-12-31"))
    assert later.status_code == 201


def test_linkage_lifecycle(api, agency):
    body = {"agency_id": agency, "area_code": "350302003", "since": f"{YEAR}-01-01",
            "until": f"{YEAR}-12-31"}
    made = api.post("/api/v1/linkages", json=body)
    assert made.status_code == 201
    assert api.post("/api/v1/linkages", json=body).status_code == 409
    lid = made.json()["id"]
    got = api.get(f"/api/v1/linkages/{lid}")
    assert got.status_code == 200 and got.json() == made.json()
    assert got.headers["ETag"] == made.headers["ETag"] == '"v1"'
    ended = api.post(f"/api/v1/linkages/{lid}/end", json={"until": f"{YEAR}-11-30"},
                     headers={"If-Match": got.headers["ETag"]})
    assert ended.status_code == 200 and ended.json()["until"] == f"{YEAR}-11-30"
    stale = api.post(f"/api/v1/linkages/{lid}/end", json={"until": f"{YEAR}-10-31"},
                     headers={"If-Match": got.headers["ETag"]})
    assert stale.status_code == 412
    assert api.get(f"/api/v1/linkages/{lid}").json() == ended.json()
    assert api.get("/api/v1/linkages/li-0000000000000000").status_code == 404
    listed = api.get("/api/v1/linkages", params={"area": "350302003",
                                                 "active_on": f"{YEAR}-06-01"}).json()
    assert lid in {x["id"] for x in listed["items"]}


def _new_pairing(api, agency: str, since: str, until: str) -> str:
    """A new closed pairing of ``agency`` with 坂头社区: its id."""
    made = api.post("/api/v1/pairings", json={"agency_id": agency, "community_code": "350302003007",
                                              "since": since, "until": until})
    assert made.status_code == 201, made.text
    return made.json()["id"]


def _record(store, kind: str, agency: str, community: str, since: str, until: str) -> dict:
    """A new closed pairing, linkage or secondment's body: with ``agency``, or for a
    secondment a person made for it, in ``community``."""
    period = {"since": since, "until": until}
    if kind == "pairing":
        return {"agency_id": agency, "community_code": community, **period}
    if kind == "linkage":
        return {"agency_id": agency, "area_code": community, **period}
    person = f"test-person-{time.time_ns()}"
    store.driver.execute_query("CREATE (:Person {id: $id, name: '测试人员'})", {"id": person},
                               database_=store.database)
    return {"person_id": person, "area_code": community, "role": "npc_deputy", **period}


@pytest.mark.parametrize("kind", ["pairing", "linkage", "secondment"])
def test_a_record_entered_in_error_is_withdrawn_and_kept_in_the_audit(api, seeded, agency,
                                                                     kind):
    """DELETE needs If-Match (428 without, 412 stale); it removes the record (a pairing with
    its projects), writes one audit record holding what it was, and frees the period."""
    from orggraph.tokens import create_token

    body = _record(seeded, kind, agency, "350302003007", f"{YEAR}-10-01", f"{YEAR}-10-20")
    path = f"/api/v1/{kind}s"
    made = api.post(path, json=body)
    assert made.status_code == 201, made.text
    rid = made.json()["id"]
    # A second version: a project on the pairing, an earlier end on the others.
    if kind == "pairing":
        changed = api.post(f"{path}/{rid}/projects", json={
            "title": "误录项目", "amount": 100, "funded_by": "社区", "date": f"{YEAR}-10-02"})
    else:
        changed = api.post(f"{path}/{rid}/end", json={"until": f"{YEAR}-10-10"})
    assert changed.status_code in (200, 201) and changed.headers["ETag"] == '"v2"'
    licheng, _ = create_token(seeded, role="org_department", scope="350304",
                              name="test org_licheng")
    audits = count(seeded, "Audit")
    refused = [api.request("DELETE", f"{path}/{rid}"),  # no If-Match
               api.request("DELETE", f"{path}/{rid}", headers={"If-Match": '"v1"'}),
               api.request("DELETE", f"{path}/{rid}", headers={"If-Match": '"v2"'},
                           token="reader"),
               api.request("DELETE", f"{path}/{rid}", headers={"If-Match": '"v2"'},
                           token=licheng)]  # another district's department: not found
    assert [r.status_code for r in refused] == [428, 412, 403, 404], [r.text for r in refused]
    assert "If-Match" in refused[0].json()["detail"]
    assert count(seeded, "Audit") == audits
    assert api.get(f"{path}/{rid}").status_code == 200
    gone = api.request("DELETE", f"{path}/{rid}", headers={"If-Match": '"v2"'})
    assert gone.status_code == 204 and gone.content == b""
    assert api.get(f"{path}/{rid}").status_code == 404
    assert api.request("DELETE", f"{path}/{rid}", headers={"If-Match": "*"}).status_code == 404
    assert count(seeded, "Audit") == audits + 1
    trail = api.get("/api/v1/audit", params={"entity": kind, "entity_id": rid}).json()["items"]
    assert trail[0]["action"] == "withdraw" and trail[0]["after"] is None
    assert trail[0]["before"] == changed.json()
    if kind == "pairing":
        assert seeded.driver.execute_query(
            "MATCH (x:Project) WHERE x.id STARTS WITH $id RETURN count(x) AS n", id=rid,
            database_=seeded.database).records[0]["n"] == 0
    again = api.post(path, json=body)  # the period is free again
    assert again.status_code == 201, again.text
    assert api.request("DELETE", f"{path}/{again.json()['id']}",
                       headers={"If-Match": "*"}).status_code == 204


def test_a_project_entered_in_error_is_withdrawn_and_its_number_not_given_again(api, seeded,
                                                                              agency):
    """DELETE /pairings/{id}/projects/{project}: If-Match on the pairing (428 without, 412
    stale), 404 for a project not on it or a pairing out of scope; the pairing answered
    without it, one audit record holding both; the next project gets a new number."""
    from orggraph.tokens import create_token

    pid = _new_pairing(api, agency, f"{YEAR}-11-01", f"{YEAR}-11-20")
    path = f"/api/v1/pairings/{pid}/projects"
    project = {"amount": 3000, "funded_by": "社区", "date": f"{YEAR}-11-02"}
    first = api.post(path, json={**project, "title": "误录项目"})
    second = api.post(path, json={**project, "title": "楼道照明改造"})
    assert second.status_code == 201 and second.headers["ETag"] == '"v3"'
    wrong, kept = (x["id"] for x in second.json()["projects"])
    assert first.json()["projects"][0]["id"] == wrong
    licheng, _ = create_token(seeded, role="org_department", scope="350304",
                              name="test org_licheng")
    audits = count(seeded, "Audit")
    refused = [api.request("DELETE", f"{path}/{wrong}"),
               api.request("DELETE", f"{path}/{wrong}", headers={"If-Match": '"v2"'}),
               api.request("DELETE", f"{path}/{pid}-p9", headers={"If-Match": '"v3"'}),
               api.request("DELETE", f"{path}/{wrong}", headers={"If-Match": '"v3"'},
                           token="reader"),
               api.request("DELETE", f"{path}/{wrong}", headers={"If-Match": '"v3"'},
                           token=licheng)]
    assert [r.status_code for r in refused] == [428, 412, 404, 403, 404], \
        [r.text for r in refused]
    assert count(seeded, "Audit") == audits
    gone = api.request("DELETE", f"{path}/{wrong}", headers={"If-Match": '"v3"'})
    assert gone.status_code == 200 and gone.headers["ETag"] == '"v4"', gone.text
    assert [x["id"] for x in gone.json()["projects"]] == [kept]
    assert api.get(f"/api/v1/pairings/{pid}").json() == gone.json()
    assert count(seeded, "Audit") == audits + 1
    trail = api.get("/api/v1/audit", params={"entity": "pairing", "entity_id": pid}).json()
    assert trail["items"][0]["action"] == "withdraw_project"
    assert trail["items"][0]["before"] == second.json()
    assert trail["items"][0]["after"] == gone.json()
    # Withdrawn, the first number stays retired: the next project is the third.
    third = api.post(path, json={**project, "title": "文化墙"}, headers={"If-Match": '"v4"'})
    assert third.status_code == 201, third.text
    assert [x["id"] for x in third.json()["projects"]][-1] == f"{pid}-p3"
    assert wrong == f"{pid}-p1"
    assert api.request("DELETE", f"/api/v1/pairings/{pid}", headers={"If-Match": "*"}
                       ).status_code == 204


def test_a_projects_fields_are_corrected_in_place(api, seeded, agency):
    """PATCH /pairings/{id}/projects/{project}: the fields given replace what is stored, the
    number stays, the pairing's version moves on, one audit record; a stale If-Match is 412,
    nothing to correct or a bad value 422, a project not on the pairing 404, a correction
    that changes nothing writes nothing."""
    pid = _new_pairing(api, agency, f"{YEAR}-09-01", f"{YEAR}-09-20")
    path = f"/api/v1/pairings/{pid}/projects"
    added = api.post(path, json={"title": "活动室修缮", "amount": 50000, "funded_by": "社区",
                                 "date": f"{YEAR}-09-02"})
    (project,) = added.json()["projects"]
    xid = project["id"]
    audits = count(seeded, "Audit")
    refused = [api.patch(f"{path}/{xid}", json={"amount": 5000}, headers={"If-Match": '"v1"'}),
               api.patch(f"{path}/{xid}", json={}),
               api.patch(f"{path}/{xid}", json={"amount": -1}),
               api.patch(f"{path}/{xid}", json={"date": f"{YEAR}-13-01"}),
               api.patch(f"{path}/{pid}-p9", json={"amount": 5000}),
               api.patch(f"{path}/{xid}", json={"amount": 5000}, token="reader")]
    assert [r.status_code for r in refused] == [412, 422, 422, 422, 404, 403], \
        [r.text for r in refused]
    assert count(seeded, "Audit") == audits
    fixed = api.patch(f"{path}/{xid}", json={"amount": 5000, "funded_by": "城厢区民政局"},
                      headers={"If-Match": '"v2"'})
    assert fixed.status_code == 200 and fixed.headers["ETag"] == '"v3"', fixed.text
    assert fixed.json()["projects"] == [dict(project, amount=5000, funded_by="城厢区民政局")]
    assert api.get(f"/api/v1/pairings/{pid}").json() == fixed.json()
    trail = api.get("/api/v1/audit", params={"entity": "pairing", "entity_id": pid}).json()
    assert trail["items"][0]["action"] == "change_project"
    assert trail["items"][0]["before"] == added.json()
    assert trail["items"][0]["after"] == fixed.json()
    same = api.patch(f"{path}/{xid}", json={"amount": 5000}, headers={"If-Match": '"v3"'})
    assert same.status_code == 200 and same.json() == fixed.json()
    assert api.patch(f"{path}/{xid}", json={"amount": 5000},
                     headers={"If-Match": '"v2"'}).status_code == 412
    assert count(seeded, "Audit") == audits + 1
    assert api.request("DELETE", f"/api/v1/pairings/{pid}", headers={"If-Match": "*"}
                       ).status_code == 204


def test_projects_added_at_once_each_get_their_own_number(api, agency):
    """Two operators adding projects to one pairing at the same moment: the pairing is locked
    before it is read, so both are taken, numbered one after the other, not refused."""
    pid = _new_pairing(api, agency, f"{YEAR}-11-21", f"{YEAR}-11-28")
    barrier = threading.Barrier(4)
    results = []

    def add(n, token):
        barrier.wait()
        results.append(api.post(f"/api/v1/pairings/{pid}/projects", token=token, json={
            "title": f"共建项目{n}", "amount": n, "funded_by": "社区",
            "date": f"{YEAR}-11-22"}))

    threads = [threading.Thread(target=add, args=(n, t))
               for n, t in enumerate(("admin", "org_xialin") * 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in results] == [201] * 4, [r.text for r in results]
    got = api.get(f"/api/v1/pairings/{pid}").json()
    assert got["version"] == 5
    assert sorted(x["id"] for x in got["projects"]) == [f"{pid}-p{n}" for n in range(1, 5)]
    assert sorted(x["amount"] for x in got["projects"]) == [0, 1, 2, 3]
    assert api.request("DELETE", f"/api/v1/pairings/{pid}", headers={"If-Match": "*"}
                       ).status_code == 204


@pytest.mark.parametrize("kind", ["pairing", "linkage", "secondment"])
def test_an_end_waiting_on_another_change_audits_what_that_change_left(api, seeded, agency,
                                                                       kind):
    """A change locks its record before reading it: an end sent while another transaction
    holds the record reads, and records as "before", what that one committed, not what was
    there when it arrived."""
    label = kind.capitalize()
    body = _record(seeded, kind, agency, "350302003001", f"{YEAR}-12-01", f"{YEAR}-12-20")
    made = api.post(f"/api/v1/{kind}s", json=body)
    assert made.status_code == 201, made.text
    rid = made.json()["id"]
    ended = []
    with seeded.driver.session(database=seeded.database) as session:
        other = session.begin_transaction()
        other.run(f"MATCH (x:{label} {{id: $id}}) SET x.until = date($until), "
                  "x.version = x.version + 1", id=rid, until=f"{YEAR}-12-25").consume()
        waiting = threading.Thread(target=lambda: ended.append(api.post(
            f"/api/v1/{kind}s/{rid}/end", json={"until": f"{YEAR}-12-10"})))
        waiting.start()
        time.sleep(1.0)  # the end has arrived and waits on the lock
        assert not ended
        other.commit()
    waiting.join()
    assert ended[0].status_code == 200, ended[0].text
    trail = api.get("/api/v1/audit", params={"entity": kind, "entity_id": rid}).json()["items"]
    assert trail[0]["action"] == "end"
    assert trail[0]["before"]["version"] == 2
    assert trail[0]["before"]["until"] == f"{YEAR}-12-25"
    assert trail[0]["after"]["version"] == 3
    assert api.request("DELETE", f"/api/v1/{kind}s/{rid}", headers={"If-Match": "*"}
                       ).status_code == 204


def test_idempotency_key_replays_instead_of_acting_twice(api, seeded, agency):
    body = {"agency_id": agency, "community_code": "350302003007", "since": f"{YEAR}-02-02",
            "until": f"{YEAR}-02-03"}
    key = {"Idempotency-Key": f"test-{time.time_ns()}"}
    before = count(seeded, "Pairing")
    first = api.post("/api/v1/pairings", json=body, headers=key)
    second = api.post("/api/v1/pairings", json=body, headers=key)
    assert first.status_code == second.status_code == 201
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert first.json() == second.json()
    assert count(seeded, "Pairing") == before + 1
    other = api.post("/api/v1/pairings", json=dict(body, since=f"{YEAR}-02-03"), headers=key)
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["errors"]


def test_two_operators_at_once_one_wins(api, seeded, agency):
    body = {"agency_id": agency, "community_code": "350302003001", "since": f"{YEAR}-03-03",
            "until": f"{YEAR}-03-04"}
    results = []
    barrier = threading.Barrier(2)

    def create(token):
        barrier.wait()
        results.append(api.post("/api/v1/pairings", json=body, token=token).status_code)

    threads = [threading.Thread(target=create, args=(t,)) for t in ("admin", "org_xialin")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201, 409]


def test_audit_records_equal_successful_changes(api, seeded, agency):
    before = count(seeded, "Audit")
    refused = [
        api.post("/api/v1/pairings", json={"agency_id": agency, "community_code": "350302003",
                                           "since": "2030-01-01"}),  # 422
        api.post("/api/v1/pairings", json={"agency_id": agency, "community_code":
                                           "350302003003", "since": "2030-01-01"},
                 token="reader"),  # 403
        api.post("/api/v1/pairings/pr-nope/end", json={"until": "2030-01-01"}),  # 404
    ]
    assert [r.status_code for r in refused] == [422, 403, 404]
    assert count(seeded, "Audit") == before
    made = api.post("/api/v1/pairings", json={"agency_id": agency, "community_code":
                                              "350302003002", "since": f"{YEAR}-04-04",
                                              "until": f"{YEAR}-12-31"})
    # (ended below, so later runs of the suite on the same database find no open pairing)
    ended = api.post(f"/api/v1/pairings/{made.json()['id']}/end",
                     json={"until": f"{YEAR}-05-05"})
    assert made.status_code == 201 and ended.status_code == 200
    assert count(seeded, "Audit") == before + 2
    trail = api.get("/api/v1/audit", params={"entity": "pairing",
                                             "entity_id": made.json()["id"]}).json()
    assert [x["action"] for x in trail["items"]] == ["end", "create"]
    assert trail["items"][0]["before"]["until"] == f"{YEAR}-12-31"
    assert trail["items"][0]["after"]["until"] == f"{YEAR}-05-05"
    assert trail["items"][0]["actor"] == "test admin"


@pytest.fixture(scope="module")
def audit_history(api, seeded, agency):
    """Enough changes in 城厢区 for two pages of the log, one object changed three times, so the
    audit tests stand on their own (run alone, or first on a freshly loaded database):
    one-day pairings on alternate days of the year's autumn, in a community no other test
    pairs, each closed, so no run's pairing overlaps another's."""
    from datetime import date, timedelta

    towns = api.get("/api/v1/areas", params={"within": "350302003", "tier": "community",
                                             "page_size": 100}).json()["items"]
    community = towns[-1]["code"]
    records, _, _ = seeded.driver.execute_query(
        "MATCH (a:Audit) WHERE a.area_code STARTS WITH '3503' RETURN count(a) AS n",
        database_=seeded.database)
    day = date(YEAR, 9, 1)
    first = None
    for _ in range(max(1, 45 - records[0]["n"])):
        made = api.post("/api/v1/pairings", json={
            "agency_id": agency, "community_code": community, "since": str(day),
            "until": str(day + timedelta(days=1))})
        assert made.status_code == 201, made.text
        first = first or made.json()["id"]
        day += timedelta(days=2)
    # Two more changes to the first: a project, then an earlier end.
    assert api.post(f"/api/v1/pairings/{first}/projects", json={
        "title": "议事长廊", "amount": 8000, "funded_by": "城厢区社会治理指挥中心",
        "date": f"{YEAR}-09-01"}).status_code == 201
    assert api.post(f"/api/v1/pairings/{first}/end",
                    json={"until": f"{YEAR}-09-01"}).status_code == 200
    return first


def test_audit_pages_are_newest_first(api, seeded, audit_history):
    page = api.get("/api/v1/audit", params={"page": 2, "page_size": 20}).json()
    records, _, _ = seeded.driver.execute_query(
        "MATCH (a:Audit) WHERE a.area_code STARTS WITH '3503' "
        "RETURN a.id AS id ORDER BY a.at DESC, a.id DESC SKIP 20 LIMIT 20",
        database_=seeded.database)
    assert len(page["items"]) == 20
    assert [x["id"] for x in page["items"]] == [r["id"] for r in records]


def test_one_objects_audit_history_is_counted_and_paged_newest_first(api, seeded,
                                                                     audit_history):
    """GET /audit?entity_id= is answered through the entity_id index (its own statement):
    the same records, total and order as a query of the whole log."""
    records, _, _ = seeded.driver.execute_query(
        "MATCH (a:Audit) WHERE a.area_code STARTS WITH '350302' AND a.entity_id IS NOT NULL "
        "WITH a.entity_id AS id, count(*) AS n WHERE n >= 3 RETURN id ORDER BY n DESC, id "
        "LIMIT 1", database_=seeded.database)
    assert records, "audit_history changed a pairing three times"
    eid = records[0]["id"]
    expected, _, _ = seeded.driver.execute_query(
        "MATCH (a:Audit {entity_id: $eid}) WHERE a.area_code STARTS WITH '3503' "
        "RETURN a.id AS id ORDER BY a.at DESC, a.id DESC", eid=eid, database_=seeded.database)
    expected = [r["id"] for r in expected]
    first = api.get("/api/v1/audit", params={"entity_id": eid, "page_size": 2}).json()
    rest = api.get("/api/v1/audit", params={"entity_id": eid, "page_size": 2,
                                            "page": 2}).json()
    assert first["total"] == rest["total"] == len(expected)
    assert [x["id"] for x in first["items"] + rest["items"]] == expected[:4]
    assert all(x["entity_id"] == eid for x in first["items"])
    other = "token" if first["items"][0]["entity"] != "token" else "pairing"
    assert api.get("/api/v1/audit", params={"entity_id": eid, "entity": other}).json()[
        "total"] == 0
    # Another district's department sees none of it (the object's changes were in 城厢区).
    from orggraph.tokens import create_token

    licheng, _ = create_token(seeded, role="org_department", scope="350304",
                              name="test org_licheng")
    assert api.get("/api/v1/audit", token=licheng, params={"entity_id": eid}).json() == {
        "items": [], "total": 0, "page": 1, "page_size": 50}


def test_the_audit_of_a_window_of_days_lists_and_exports_what_was_changed_in_it(
        api, seeded, audit_history):
    """``from`` and ``to`` are days in China Standard Time, both included."""
    from datetime import datetime, timedelta, timezone

    today = datetime.now(timezone(timedelta(hours=8))).date()
    around = {"from": str(today - timedelta(days=1)), "to": str(today + timedelta(days=1))}
    recent = api.get("/api/v1/audit", params={**around, "page_size": 100}).json()
    expected, _, _ = seeded.driver.execute_query(
        "MATCH (a:Audit) WHERE a.area_code STARTS WITH '3503' "
        "AND a.at >= datetime({date: date($from), timezone: '+08:00'}) "
        "AND a.at < datetime({date: date($to), timezone: '+08:00'}) + duration('P1D') "
        "RETURN count(a) AS n", around, database_=seeded.database)
    assert recent["total"] == expected[0]["n"] > 0  # audit_history changed things just now
    assert recent["items"][0]["id"] == api.get("/api/v1/audit").json()["items"][0]["id"]
    assert api.get("/api/v1/audit", params={"to": str(today - timedelta(days=2))}).json()[
        "total"] < api.get("/api/v1/audit").json()["total"]
    sheet = api.get("/api/v1/audit", params={**around, "entity": "pairing", "format": "csv"})
    assert sheet.status_code == 200 and sheet.headers["Content-Type"].startswith("text/csv")
    lines = sheet.content.decode("utf-8-sig").strip().splitlines()
    counted = api.get("/api/v1/audit", params={**around, "entity": "pairing"}).json()["total"]
    assert lines[0].startswith("at,actor") and len(lines) - 1 == counted


def test_the_calendars_first_and_last_days_make_a_window(api):
    everything = api.get("/api/v1/audit").json()["total"]
    r = api.get("/api/v1/audit", params={"from": "0001-01-01", "to": "9999-12-31"})
    assert r.status_code == 200 and r.json()["total"] == everything
    for params in ({"from": "9999-12-31"}, {"to": "0001-01-01"}):
        r = api.get("/api/v1/audit", params=params)
        assert r.status_code == 200 and r.json()["total"] == 0, r.text


@pytest.mark.parametrize("params, field", [
    ({"from": "2026-12-05", "to": "2026-12-04"}, "to"),
    ({"from": "2026-13-01"}, "from"),
    ({"to": "yesterday"}, "to"),
])
def test_a_bad_audit_window_is_422_naming_the_field(api, params, field):
    r = api.get("/api/v1/audit", params=params)
    assert r.status_code == 422 and field in r.json()["errors"], r.text


def test_a_parameter_or_field_not_taken_is_422_naming_what_is(api):
    """Ignored, ``limit`` would answer with a page of 50 and a misspelt filter with every
    pairing in scope."""
    r = api.get("/api/v1/pairings", params={"limit": 2, "comunity": "350302001001"})
    assert r.status_code == 422, r.text
    errors = r.json()["errors"]
    assert sorted(errors) == ["comunity", "limit"]
    assert "did you mean community?" in errors["comunity"][0]
    assert "page_size" in errors["limit"][0]
    assert api.get("/api/v1/pairings", params={"page_size": 2}).json()["page_size"] == 2
    body = api.post("/api/v1/pairings", json={"agency_id": "x", "community": "350302001001",
                                              "since": "2024-01-01"})
    assert body.status_code == 422, body.text
    assert "did you mean community_code?" in body.json()["errors"]["community"][0]


def test_leader_replacement_keeps_history(api):
    from datetime import date, timedelta

    unit = "350302003007001001"
    before = api.get(f"/api/v1/areas/{unit}/leaders/history").json()
    since = str(max(date.fromisoformat(h["since"]) for h in before) + timedelta(days=1))
    r = api.request("PUT", f"/api/v1/areas/{unit}/leader",
                    json={"name": "测试单元长", "since": since})
    assert r.status_code == 200, r.text
    history = api.get(f"/api/v1/areas/{unit}/leaders/history").json()
    assert history[0]["person"]["name"] == "测试单元长" and history[0]["until"] is None
    assert history[1]["until"] == since and len(history) == len(before) + 1
    # The audit records the holder before and after in one shape, so the two compare.
    rec = api.get("/api/v1/audit", params={"entity_id": unit}).json()["items"][0]
    assert rec["action"] == "replace"
    assert set(rec["before"]) == set(rec["after"]) >= {"person", "role", "since"}
    assert rec["before"]["person"] == {k: history[1]["person"][k] for k in ("id", "name")}
    assert rec["after"]["person"]["name"] == "测试单元长" and rec["after"]["since"] == since
    assert api.request("PUT", "/api/v1/areas/350302003007/leader",
                       json={"name": "x", "since": "2030-01-01"}).status_code == 422
    bad_phone = api.request("PUT", f"/api/v1/areas/{unit}/leader",
                            json={"name": "x", "phone": "call me", "since": "2030-01-01"})
    assert bad_phone.status_code == 422 and "0594-2345678" in bad_phone.json()["errors"][
        "phone"][0]
    assert api.get(f"/api/v1/areas/{unit}/leaders/history").json() == history
    assert api.request("PUT", f"/api/v1/areas/{unit}/leader", token="reader",
                       json={"name": "x", "since": "2030-01-01"}).status_code == 403


def test_the_pairing_lookup_answers_exactly_its_documented_schema(api):
    """The lookup skips the schema's dump for speed: what it sends must be what the schema
    would have sent (a dump drops unknown keys and would change a mistyped value)."""
    from api.views.pairings import PairingPage

    for query in ("community=350304100001", "community=350302003003", "within=350302",
                  "agency=" + api.get("/api/v1/pairings?community=350304100001").json()[
                      "items"][0]["agency"]["id"]):
        body = api.get(f"/api/v1/pairings?{query}&page_size=100").json()
        assert body["items"], query
        assert PairingPage().dump(body) == body, query
