"""Events over HTTP with a frozen clock: the whole life of an event, illegal steps, the same-day
rule and the sweep, statistics against a hand-computed fixture, concurrency, points, Open311.

Events made here are collected in 2030 (the seed's history is 2022-23); the module first
removes what an earlier run left in that period, so a kept test database gives the same
answers.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from orggraph.clock import FrozenClock
from tests.conftest import LiveServer

CST = timezone(timedelta(hours=8))
BANTOU = "350302003007"  # 坂头社区, 霞林街道, 城厢区
XIALIN = "350302003"


def at(*args) -> datetime:
    return datetime(*args, tzinfo=CST)


@pytest.fixture(scope="module")
def clock() -> FrozenClock:
    return FrozenClock(at(2030, 1, 7, 9, 0))


@pytest.fixture(scope="module")
def ev(settings, seeded, tokens, clock) -> LiveServer:
    from api import create_app

    with seeded.driver.session(database=seeded.database) as session:
        session.run("MATCH (e:Event) WHERE e.collected_at >= datetime('2030-01-01T00:00:00Z') "
                    "OPTIONAL MATCH (e)-[:HAS_STEP]->(s) DETACH DELETE e, s").consume()
    live = LiveServer(create_app(settings, {"ORGGRAPH_CLOCK": clock}), tokens)
    yield live
    live.stop()


def cypher(store, query: str, **params) -> list[dict]:
    with store.driver.session(database=store.database) as session:
        return [r.data() for r in session.run(query, params)]


@pytest.fixture(scope="module")
def cast(seeded) -> dict:
    """The people and places of 坂头社区 the tests act with."""
    units = cypher(seeded, """
        MATCH (p:Person)-[l:LEADS {role: 'unit_leader'}]->(u:Unit)-[:PART_OF]->(g:Grid)
        WHERE u.code STARTS WITH $c AND l.until IS NULL
        MATCH (gl:Person)-[gr:LEADS {role: 'grid_leader'}]->(g) WHERE gr.until IS NULL
        RETURN u.code AS unit, p.id AS leader, g.code AS grid, gl.id AS grid_leader
        ORDER BY u.code LIMIT 6""", c=BANTOU)
    town = cypher(seeded, """
        MATCH (a:Agency)-[:JURISDICTION]->(:Area {code: $t})
        MATCH (h:Person)-[w:WORKS_AT {title: '负责人'}]->(a)
        RETURN a.id AS id, a.kind AS kind, h.id AS head ORDER BY a.id""", t=XIALIN)
    housing = cypher(seeded, """
        MATCH (a:Agency {name: '城厢区住建局'})<-[:WORKS_AT {title: '负责人'}]-(h:Person)
        RETURN a.id AS id, h.id AS head""")[0]
    other = cypher(seeded, """
        MATCH (a:Agency)-[:JURISDICTION]->(:Area {code: '350304'}) RETURN a.id AS id LIMIT 1""")
    assert len(units) == 6 and len({u["leader"] for u in units}) == 6
    return {"units": units, "secretary": f"ps-{BANTOU}",
            "centre": next(a for a in town if a["kind"] == "platform_centre"),
            "town_agency": next(a for a in town if a["kind"] != "platform_centre"),
            "housing": housing, "elsewhere": other[0]["id"],
            "district_secretary": "ps-350302"}


def new_event(ev, cast, i=0, category="housing", summary="安置房面积争议", **kw) -> dict:
    u = cast["units"][i]
    r = ev.post("/api/v1/events", json={"unit_code": u["unit"], "category": category,
                                        "summary": summary, "reported_by": u["leader"]}, **kw)
    assert r.status_code == 201, r.text
    return r.json()


def step(ev, eid, action, by, expect=200, **body) -> dict:
    r = ev.post(f"/api/v1/events/{eid}/steps", json={"action": action, "by": by, **body})
    assert r.status_code == expect, r.text
    return r.json()


def assessed_at_the_community(ev, cast, i: int) -> dict:
    """A new event of unit ``i``, taken up to 坂头社区 and assessed there: ready to dispatch."""
    e = new_event(ev, cast, i)
    leader = cast["units"][i]["leader"]
    step(ev, e["id"], "preprocess", leader)
    step(ev, e["id"], "escalate", leader, to="community")
    step(ev, e["id"], "assess", cast["secretary"])
    return e


def test_the_full_life_of_an_event_from_a_unit_to_a_department(ev, cast, clock, seeded):
    clock.at = at(2030, 1, 7, 9, 0)
    leader = cast["units"][0]["leader"]
    e = new_event(ev, cast)
    assert (e["status"], e["level"], len(e["trail"])) == ("collected", "unit", 1)
    assert e["due_at"] == "2030-01-08T00:00:00+08:00"
    step(ev, e["id"], "preprocess", leader, note="上门了解情况")
    step(ev, e["id"], "escalate", leader, to="community")
    step(ev, e["id"], "assess", cast["secretary"])
    step(ev, e["id"], "escalate", cast["secretary"])
    town = step(ev, e["id"], "assess", cast["centre"]["head"])
    assert (town["level"], town["area_code"]) == ("town", XIALIN)
    # Sent to a department that is not the right one, it comes back: the bounce is traced.
    step(ev, e["id"], "dispatch", cast["centre"]["head"], to=cast["town_agency"]["id"])
    back = step(ev, e["id"], "return", cast["town_agency"]["head"], note="非本部门职责")
    assert back["status"] == "assessed" and back["returned_by"] == [cast["town_agency"]["id"]]
    step(ev, e["id"], "dispatch", cast["centre"]["head"], expect=409,
         to=cast["town_agency"]["id"])
    step(ev, e["id"], "escalate", cast["centre"]["head"])
    step(ev, e["id"], "assess", cast["district_secretary"])
    step(ev, e["id"], "dispatch", cast["district_secretary"], to=cast["housing"]["id"])
    clock.at = at(2030, 1, 9, 15, 0)  # the department measures on site two days later
    done = step(ev, e["id"], "resolve", cast["housing"]["head"], note="现场测量，已答复")

    assert (done["status"], done["resolved_level"]) == ("closed", "district")
    got = ev.get(f"/api/v1/events/{e['id']}").json()
    assert done == got  # a step answers with the event as stored, trail and agency included
    assert town["agency"] is None and town["trail"][-1]["action"] == "assess"
    assert [(s["action"], s["level"]) for s in got["trail"]] == [
        ("collect", "unit"), ("preprocess", "unit"), ("escalate", "unit"),
        ("assess", "community"), ("escalate", "community"), ("assess", "town"),
        ("dispatch", "town"), ("return", "town"), ("escalate", "town"), ("assess", "district"),
        ("dispatch", "district"), ("resolve", "district")]
    assert got["trail"][-1]["by"]["id"] == cast["housing"]["head"]
    assert got["trail"][6]["to"] == cast["town_agency"]["id"]
    assert all(s["by"]["name"] for s in got["trail"])
    assert got["overdue_steps"] == 0  # five days for a department: on time
    audit = cypher(seeded, "MATCH (a:Audit {entity: 'event', entity_id: $id}) RETURN count(a) AS n",
                   id=e["id"])[0]["n"]
    assert audit == len(got["trail"])  # the create and every step taken; the 409 left none


def test_the_suggested_department_comes_from_the_escalation_path(ev, cast, clock):
    clock.at = at(2030, 1, 7, 10, 0)
    e = assessed_at_the_community(ev, cast, 1)
    route = ev.get(f"/api/v1/events/{e['id']}/route").json()
    path = ev.get(f"/api/v1/escalation-path?unit={cast['units'][1]['unit']}&category=housing",
                  token="analyst").json()
    assert route["best"]["target"] == path["target"]
    if route["dispatch_to"]:  # 坂头社区 calls a partner directly: dispatch without naming it
        moved = step(ev, e["id"], "dispatch", cast["secretary"])
        assert moved["agency"]["id"] == route["dispatch_to"]["id"]


def test_events_and_tokens_leave_the_analyses_projection_as_it_was(ev, cast, clock, seeded):
    # The projection reads neither: a working day's events must not make every analysis, and
    # every dispatch routed, build it again.
    cache = ev.app.extensions["orggraph.projections"]
    unit = cast["units"][3]
    assert ev.get(f"/api/v1/escalation-path?unit={unit['unit']}&category=housing",
                  token="analyst").status_code == 200
    built = cache.builds
    clock.at = at(2030, 1, 7, 10, 30)
    e = new_event(ev, cast, 3)
    step(ev, e["id"], "preprocess", unit["leader"])
    step(ev, e["id"], "escalate", unit["leader"], to="community")
    step(ev, e["id"], "assess", cast["secretary"])
    assert ev.get(f"/api/v1/events/{e['id']}/route").status_code == 200
    step(ev, e["id"], "dispatch", cast["secretary"], to=cast["housing"]["id"])
    step(ev, e["id"], "resolve", cast["housing"]["head"])  # closed, for the tests that follow
    made = ev.post("/api/v1/tokens", json={"role": "reader", "scope": "350302"}).json()
    assert ev.post(f"/api/v1/tokens/{made['id']}/revoke").status_code == 200
    assert ev.get("/api/v1/analyses/coverage-gaps", token="analyst").status_code == 200
    assert cache.builds == built
    # A change to the network does move it (tests/db/test_analyses.py changes a leader).
    from orggraph.audit import network_changed

    seeded.transact(network_changed)
    assert ev.get("/api/v1/analyses/coverage-gaps", token="analyst").status_code == 200
    assert cache.builds == built + 1


def test_a_dispatch_routed_after_a_network_change_builds_no_projection_under_the_lock(
        ev, cast, clock, seeded, monkeypatch):
    # After a change to the network, routing builds the city's projection again (a second or
    # so); the event's lock, and with it every other step on the event, must not wait for it.
    clock.at = at(2030, 1, 7, 10, 45)
    e = assessed_at_the_community(ev, cast, 1)
    from orggraph.audit import network_changed

    seeded.transact(network_changed)
    cache, locks = ev.app.extensions["orggraph.projections"], []
    build = cache._build

    def watched(*args, **kwargs):
        locks.append(cypher(seeded, "SHOW TRANSACTIONS YIELD currentQuery, activeLockCount "
                                    "WHERE activeLockCount > 0 RETURN currentQuery"))
        return build(*args, **kwargs)

    monkeypatch.setattr(cache, "_build", watched)
    moved = step(ev, e["id"], "dispatch", cast["secretary"])
    assert locks == [[]]  # built once, while no transaction held a lock
    assert moved["status"] == "dispatched" and moved["agency"]["id"]
    head = cypher(seeded, "MATCH (h:Person)-[:WORKS_AT {title: '负责人'}]->(:Agency {id: $a}) "
                          "RETURN h.id AS id LIMIT 1", a=moved["agency"]["id"])[0]["id"]
    step(ev, e["id"], "resolve", head)  # closed, for the tests that follow


def test_steps_the_workflow_does_not_allow_are_409_with_the_reason(ev, cast, clock):
    clock.at = at(2030, 1, 7, 11, 0)
    leader = cast["units"][2]["leader"]
    e = new_event(ev, cast, 2, category="dispute", summary="邻里噪音纠纷")
    r = ev.post(f"/api/v1/events/{e['id']}/steps", json={"action": "resolve", "by": leader})
    assert r.status_code == 409 and "preprocess" in r.json()["detail"]
    # The event says what it takes next; every other step is refused.
    assert e["next_actions"] == ["preprocess"]
    for action in ("assess", "escalate", "dispatch", "verify", "return"):
        step(ev, e["id"], action, leader, expect=409)
    assert step(ev, e["id"], "preprocess", leader)["next_actions"] == ["escalate", "resolve"]
    step(ev, e["id"], "preprocess", leader, expect=409)
    assert "resolve it or escalate it" in step(ev, e["id"], "dispatch", leader, expect=409,
                                               to=cast["housing"]["id"])["detail"]
    assert "level by level" in step(ev, e["id"], "escalate", leader, expect=409,
                                    to="town")["detail"]
    step(ev, e["id"], "escalate", leader, to="community")
    step(ev, e["id"], "assess", cast["secretary"])
    # An agency of another district has no jurisdiction here: 422 naming the field.
    bad = step(ev, e["id"], "dispatch", cast["secretary"], expect=422, to=cast["elsewhere"])
    assert "to" in bad["errors"]
    assert "by" in step(ev, e["id"], "assess", "nobody-at-all", expect=422)["errors"]
    r = ev.post(f"/api/v1/events/{e['id']}/steps", json={"action": "collect", "by": leader})
    assert r.status_code == 422  # the system's own steps are not for clients
    # Self-check: the reporter cannot check their own settlement.
    e2 = new_event(ev, cast, 2, category="dispute")
    step(ev, e2["id"], "preprocess", leader)
    closed = step(ev, e2["id"], "resolve", leader)
    assert closed["self_closed"] and closed["needs_check"]
    assert closed["next_actions"] == ["verify"]  # by someone else: the reporter's is refused
    step(ev, e2["id"], "verify", leader, expect=409)
    checked = step(ev, e2["id"], "verify", cast["units"][2]["grid_leader"])
    assert checked["verified"] and not checked["needs_check"] and checked["next_actions"] == []
    step(ev, e2["id"], "resolve", leader, expect=409)
    assert len(ev.get(f"/api/v1/events/{e2['id']}").json()["trail"]) == 4


def test_overdue_events_are_listed_and_swept_by_the_system(ev, cast, clock, settings):
    clock.at = at(2030, 1, 14, 10, 0)
    unit = cast["units"][3]
    e = new_event(ev, cast, 3, category="environment", summary="垃圾清运不及时")
    listed = ev.get(f"/api/v1/events?overdue=true&within={unit['unit']}").json()
    assert listed["total"] == 0
    clock.at = at(2030, 1, 15, 1, 0)  # past midnight: the unit's day is over
    listed = ev.get(f"/api/v1/events?overdue=true&within={unit['unit']}").json()
    assert [i["id"] for i in listed["items"]] == [e["id"]] and listed["items"][0]["overdue"]

    def sweep(policy):
        out = subprocess.run(
            [sys.executable, "-m", "orggraph.cli", "--instance", settings.instance, "events",
             "sweep", "--now", clock.at.isoformat(), "--within", unit["unit"],
             "--policy", policy], capture_output=True, text=True, timeout=120, check=True)
        return json.loads(out.stdout)

    assert sweep("flag") == {"checked": 1, "flagged": 1, "escalated": 0,
                             "at": "2030-01-15T01:00:00+08:00"}
    got = ev.get(f"/api/v1/events/{e['id']}").json()
    assert got["trail"][-1]["action"] == "flag" and got["trail"][-1]["by"]["id"] == "system"
    assert got["overdue_steps"] == 1
    assert sweep("flag")["checked"] == 0  # a flagged level is not flagged again
    # Late preprocessing after the flag does not count the same level twice.
    assert step(ev, e["id"], "preprocess", unit["leader"])["overdue_steps"] == 1

    clock.at = at(2030, 1, 16, 1, 0)  # the level is still undecided a day later
    e2 = new_event(ev, cast, 3, category="environment")
    clock.at = at(2030, 1, 17, 2, 0)
    result = sweep("escalate")
    assert (result["checked"], result["escalated"], result["flagged"]) == (1, 1, 0)
    moved = ev.get(f"/api/v1/events/{e2['id']}").json()
    assert (moved["status"], moved["level"]) == ("escalated", "grid")
    assert moved["trail"][-1]["action"] == "escalate" and moved["trail"][-1]["late"]


def test_statistics_equal_a_hand_computed_fixture(ev, cast, clock):
    u = cast["units"][4]
    leader, grid_leader, unit = u["leader"], u["grid_leader"], u["unit"]
    clock.at = at(2030, 2, 3, 9, 0)
    ids = ev.post("/api/v1/event-batches", json={"events": [
        {"unit_code": unit, "category": c, "summary": "统计样例", "reported_by": leader}
        for c in ("dispute", "dispute", "housing", "public_facility", "environment")]})
    assert ids.status_code == 201, ids.text
    a, b, c, d, e = ids.json()["ids"]
    for x in (a, b, c, d, e):
        step(ev, x, "preprocess", leader)
    step(ev, a, "resolve", leader)                                  # unit
    step(ev, b, "escalate", leader, to="grid")
    step(ev, b, "assess", grid_leader)
    step(ev, b, "resolve", grid_leader)                             # grid
    step(ev, c, "escalate", leader, to="community")
    step(ev, c, "assess", cast["secretary"])
    step(ev, d, "escalate", leader, to="community")
    step(ev, d, "assess", cast["secretary"])
    step(ev, d, "escalate", cast["secretary"])                      # at the town, left open
    clock.at = at(2030, 2, 4, 9, 0)                                 # the community's day is over
    step(ev, c, "resolve", cast["secretary"])                       # community, one late step
    clock.at = at(2030, 2, 6, 9, 0)   # d's town day is over; e was collected on the 3rd: late
    step(ev, e, "resolve", leader)                                  # unit, late
    stats = ev.get(f"/api/v1/stats/events?within={unit}&from=2030-02-01&to=2030-02-28").json()
    assert stats["collected"] == 5 and stats["closed"] == 4
    assert stats["closure_rate"] == 0.8
    assert stats["resolved_at"] == {"unit": 2, "grid": 1, "community": 1, "town": 0,
                                    "district": 0, "city": 0}
    assert stats["overdue_steps"] == 3  # c's resolve, e's resolve, d pending at the town
    assert stats["by_category"]["dispute"]["collected"] == 2
    assert stats["by_month"] == [{"month": "2030-02", **{k: stats[k] for k in (
        "collected", "closed", "closure_rate", "resolved_at", "grassroots_share",
        "overdue_steps")}}]
    empty = ev.get(f"/api/v1/stats/events?within={unit}&from=2030-03-01&to=2030-03-31").json()
    assert (empty["collected"], empty["closure_rate"]) == (0, None)
    backwards = ev.get("/api/v1/stats/events?from=2030-03-01&to=2030-01-01")
    assert backwards.status_code == 422
    assert backwards.json()["errors"] == {"to": ["on or after from (2030-03-01)"]}


def test_two_operators_on_the_same_event_one_wins(ev, cast, clock):
    clock.at = at(2030, 1, 20, 9, 0)
    leader = cast["units"][5]["leader"]
    for _ in range(4):
        e = new_event(ev, cast, 5, category="dispute")
        step(ev, e["id"], "preprocess", leader)
        barrier, answers = threading.Barrier(2), []

        def act(action, body, barrier=barrier, answers=answers, e=e):
            barrier.wait()
            answers.append(ev.post(f"/api/v1/events/{e['id']}/steps",
                                   json={"action": action, "by": leader, **body}).status_code)

        threads = [threading.Thread(target=act, args=("resolve", {})),
                   threading.Thread(target=act, args=("escalate", {"to": "community"}))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(answers) == [200, 409]
        trail = ev.get(f"/api/v1/events/{e['id']}").json()["trail"]
        assert [s["seq"] for s in trail] == [1, 2, 3]


def test_if_match_and_idempotency_key_on_steps(ev, cast, clock):
    clock.at = at(2030, 1, 21, 9, 0)
    leader = cast["units"][5]["leader"]
    key = {"Idempotency-Key": f"event-test-{uuid.uuid4()}"}
    first = ev.post("/api/v1/events", headers=key, json={
        "unit_code": cast["units"][5]["unit"], "category": "epidemic", "summary": "疫苗接种咨询",
        "reported_by": leader})
    again = ev.post("/api/v1/events", headers=key, json={
        "unit_code": cast["units"][5]["unit"], "category": "epidemic", "summary": "疫苗接种咨询",
        "reported_by": leader})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    eid = first.json()["id"]
    stale = ev.post(f"/api/v1/events/{eid}/steps", headers={"If-Match": '"v0"'},
                    json={"action": "preprocess", "by": leader})
    assert stale.status_code == 412
    fresh = ev.post(f"/api/v1/events/{eid}/steps", headers={"If-Match": first.headers["ETag"]},
                    json={"action": "preprocess", "by": leader})
    assert fresh.status_code == 200 and fresh.headers["ETag"] == '"v2"'


def test_a_step_sent_again_replays_its_answer_while_its_audit_holds_what_it_changed(
        ev, cast, clock, seeded):
    """The answer to a step is the whole event and its trail; the audit record holds only
    what the step changed, and keeps the answer apart only when a retry may ask for it."""
    clock.at = at(2030, 1, 21, 10, 0)
    e = new_event(ev, cast, 4)
    step(ev, e["id"], "preprocess", cast["units"][4]["leader"])
    step(ev, e["id"], "escalate", cast["units"][4]["leader"], to="community")
    step(ev, e["id"], "assess", cast["secretary"])
    step(ev, e["id"], "escalate", cast["secretary"])
    step(ev, e["id"], "assess", cast["centre"]["head"])
    key = {"Idempotency-Key": f"step-test-{uuid.uuid4()}"}
    body = {"action": "dispatch", "by": cast["centre"]["head"], "to": cast["town_agency"]["id"]}
    first = ev.post(f"/api/v1/events/{e['id']}/steps", headers=key, json=body)
    again = ev.post(f"/api/v1/events/{e['id']}/steps", headers=key, json=body)
    assert first.status_code == again.status_code == 200, first.text
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in \
        first.headers
    assert again.json() == first.json() and again.headers["ETag"] == first.headers["ETag"]
    assert len(first.json()["trail"]) == 7  # the retry took no second step
    assert len(ev.get(f"/api/v1/events/{e['id']}").json()["trail"]) == 7

    records = ev.get("/api/v1/audit", params={"entity_id": e["id"]}).json()["items"]
    dispatch, assess = records[0], records[1]
    assert (dispatch["action"], assess["action"]) == ("dispatch", "assess")
    assert set(dispatch["before"]) == set(dispatch["after"]) == {
        "status", "level", "area_code", "agency", "due_at", "overdue_steps"}
    assert (dispatch["before"]["status"], dispatch["after"]["status"]) == ("assessed",
                                                                             "dispatched")
    assert dispatch["before"]["agency"] is None
    assert dispatch["after"]["agency"] == first.json()["agency"]
    assert dispatch["after"]["agency"]["name"]
    assert dispatch["after"]["due_at"] == first.json()["due_at"]
    kept = cypher(seeded, "MATCH (a:Audit {entity: 'event', entity_id: $id}) "
                  "RETURN a.action AS action, a.answer IS NOT NULL AS kept", id=e["id"])
    assert sorted((r["action"], r["kept"]) for r in kept) == [
        ("assess", False), ("assess", False), ("create", False), ("dispatch", True),
        ("escalate", False), ("escalate", False), ("preprocess", False)]


def test_a_batch_sent_again_with_its_idempotency_key_is_collected_once(ev, cast, clock, seeded):
    clock.at = at(2030, 1, 22, 9, 0)
    u = cast["units"][5]
    key = {"Idempotency-Key": f"batch-test-{uuid.uuid4()}"}
    body = {"events": [{"unit_code": u["unit"], "category": c, "summary": "重发的批次",
                        "reported_by": u["leader"]} for c in ("dispute", "housing")]}
    count = "MATCH (e:Event {summary: '重发的批次'}) RETURN count(e) AS n"
    first = ev.post("/api/v1/event-batches", headers=key, json=body)
    again = ev.post("/api/v1/event-batches", headers=key, json=body)
    assert (first.status_code, again.status_code) == (201, 201), again.text
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert cypher(seeded, count)[0]["n"] == 2
    other = ev.post("/api/v1/event-batches", headers=key, json={"events": body["events"][:1]})
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["errors"]
    assert cypher(seeded, count)[0]["n"] == 2


def test_a_batch_sent_twice_at_once_with_one_key_is_collected_once(ev, cast, clock, seeded):
    clock.at = at(2030, 1, 23, 9, 0)
    u = cast["units"][4]
    key = {"Idempotency-Key": f"batch-race-{uuid.uuid4()}"}
    body = {"events": [{"unit_code": u["unit"], "category": "dispute", "summary": "同时重发",
                        "reported_by": u["leader"]} for _ in range(200)]}
    answers = []
    barrier = threading.Barrier(2)

    def send():
        barrier.wait()
        answers.append(ev.post("/api/v1/event-batches", headers=key, json=body))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    assert answers[0].json() == answers[1].json()
    assert cypher(seeded, "MATCH (e:Event {summary: '同时重发'}) RETURN count(e) AS n")[0][
        "n"] == 200


def test_points_ranking_and_the_self_closed_flag(ev, cast, clock):
    u = cast["units"][0]
    leader, unit = u["leader"], u["unit"]
    clock.at = at(2030, 3, 4, 9, 0)
    a = new_event(ev, cast, 0, category="dispute")
    b = new_event(ev, cast, 0, category="public_facility", summary="路灯损坏")
    step(ev, a["id"], "preprocess", leader)
    step(ev, a["id"], "resolve", leader)          # self-closed: nothing until checked
    step(ev, b["id"], "preprocess", leader)
    step(ev, b["id"], "escalate", leader, to="community")
    mine = ev.get(f"/api/v1/leaders/{leader}/points?month=2030-03").json()
    assert mine["points"] == 1 + 1 + 1 + 1 + 1  # two collected, two preprocessed, escalated
    assert mine["flagged_self_closed"] == [a["id"]]
    assert {e["event_id"] for e in mine["entries"]} == {a["id"], b["id"]}
    rank = ev.get(f"/api/v1/leaders/ranking?within={unit}&month=2030-03").json()
    assert rank["items"] == [{"rank": 1, "person": {"id": leader, "name": rank["items"][0][
        "person"]["name"]}, "unit": {"code": unit, "name": rank["items"][0]["unit"]["name"]},
        "points": 5, "stars": 5}]
    step(ev, a["id"], "verify", u["grid_leader"])
    assert ev.get(f"/api/v1/leaders/{leader}/points?month=2030-03").json()["points"] == 8
    # Checked, the settlement counts in the ranking too; the checker ranks with their point
    # only where they lead a unit (a grid leader does not).
    rank = ev.get(f"/api/v1/leaders/ranking?within={unit}&month=2030-03").json()
    assert [(r["person"]["id"], r["points"]) for r in rank["items"]] == [(leader, 8)]
    for month in ("2030-13", "2030-3", "March"):
        r = ev.get(f"/api/v1/leaders/ranking?month={month}")
        assert r.status_code == 422 and r.json()["errors"] == {
            "month": ["a month, YYYY-MM (e.g. 2022-05)"]}
    flagged = ev.get(f"/api/v1/events?within={unit}&needs_check=true").json()
    assert a["id"] not in {i["id"] for i in flagged["items"]}


def test_the_pages_of_a_ranking_are_cut_from_one_computation_until_something_moves(ev, cast,
                                                                                   clock, seeded):
    """A ranking is computed once for its pages (orggraph.caching); a step, and a change of
    leader, make the next page reflect them, unless the page asks for the snapshot it holds."""
    cache = ev.app.extensions["orggraph.rankings"]
    clock.at = at(2030, 4, 2, 9, 0)
    spare = cypher(seeded, """
        MATCH (p:Person)-[l:LEADS {role: 'unit_leader'}]->(u:Unit)
        WHERE u.code STARTS WITH $c AND l.until IS NULL AND NOT u.code IN $cast
        RETURN u.code AS unit, p.id AS leader ORDER BY u.code DESC LIMIT 1""",
                   c=BANTOU, cast=[u["unit"] for u in cast["units"]])[0]
    first, second = cast["units"][0], cast["units"][1]
    step(ev, new_event(ev, cast, 0)["id"], "preprocess", first["leader"])  # 2 points
    new_event(ev, cast, 1)                                                  # 1 point
    r = ev.post("/api/v1/events", json={"unit_code": spare["unit"], "category": "housing",
                                        "summary": "楼道堆物", "reported_by": spare["leader"]})
    assert r.status_code == 201, r.text

    def ranking(page: int = 1, page_size: int = 1) -> list[tuple[str, int]]:
        r = ev.get(f"/api/v1/leaders/ranking?within={BANTOU}&month=2030-04&page={page}"
                   f"&page_size={page_size}")
        assert r.status_code == 200, r.text
        return [(x["person"]["id"], x["points"]) for x in r.json()["items"]]

    whole = ranking(page_size=10)
    assert whole[0] == (first["leader"], 2)
    assert sorted(whole[1:]) == sorted([(second["leader"], 1), (spare["leader"], 1)])
    computed = cache.computed
    assert [x for p in (1, 2, 3) for x in ranking(page=p)] == whole
    assert cache.computed == computed  # three pages, no new computation
    # A step: the second leader passes the first.
    e = new_event(ev, cast, 1)
    step(ev, e["id"], "preprocess", second["leader"])
    step(ev, e["id"], "escalate", second["leader"], to="community")
    assert ranking() == [(second["leader"], 4)]
    assert cache.computed == computed + 1
    # A reader holding the snapshot of a page keeps reading that ranking after a step; without
    # it, or with one no longer kept, the ranking as it stands, named anew.
    url = f"/api/v1/leaders/ranking?within={BANTOU}&month=2030-04&page_size=1"
    held = ev.get(url).json()
    step(ev, e["id"], "assess", cast["secretary"])  # a step, but no unit leader's points move
    again = ev.get(url + f"&page=2&snapshot={held['snapshot']}").json()
    assert again["snapshot"] == held["snapshot"] and cache.computed == computed + 1
    assert [x["person"]["id"] for x in held["items"] + again["items"]] == [
        pid for pid, _ in ranking(page_size=2)]
    now = ev.get(url).json()
    assert now["snapshot"] != held["snapshot"] and cache.computed == computed + 2
    assert ev.get(url + "&snapshot=0123abcd").json()["snapshot"] == now["snapshot"]
    assert ev.get(url + "&snapshot=" + "x" * 65).status_code == 422
    # A new leader of the spare unit: the one before is no longer ranked (they lead no unit).
    history = ev.get(f"/api/v1/areas/{spare['unit']}/leaders/history").json()
    since = max(date.fromisoformat(h["since"]) for h in history) + timedelta(days=1)
    r = ev.request("PUT", f"/api/v1/areas/{spare['unit']}/leader",
                   json={"name": "新任单元长", "since": since.isoformat()})
    assert r.status_code == 200, r.text
    assert spare["leader"] not in {pid for pid, _ in ranking(page_size=10)}


def test_the_published_points_rules_are_those_the_ranking_counts(ev):
    """What ``/leaders/points-rules`` says each rule is worth is what every entry of a leader's
    points is worth, the ranking adds those up, and its stars follow the published shares."""
    published = ev.get("/api/v1/leaders/points-rules").json()
    worth = {r["rule"]: r["points"] for r in published["rules"]}
    assert all(r["name"] for r in published["rules"])
    ranked = ev.get(f"/api/v1/leaders/ranking?within={BANTOU}&month=2022-05&page_size=500"
                    ).json()
    assert ranked["total"] == len(ranked["items"]) > 10
    seen = set()
    for r in ranked["items"][:12]:
        mine = ev.get(f"/api/v1/leaders/{r['person']['id']}/points?month=2022-05").json()
        assert all(e["points"] == worth[e["rule"]] for e in mine["entries"])
        assert sum(worth[e["rule"]] for e in mine["entries"]) == r["points"]
        seen |= {e["rule"] for e in mine["entries"]}
    assert len(seen) >= 3, seen
    positive = sum(1 for r in ranked["items"] if r["points"] > 0)
    floor = 0
    for share in published["stars"]:
        ranks = [r["rank"] for r in ranked["items"] if r["stars"] == share["stars"]]
        assert all(floor < rank <= max(1, round(share["top_share"] * positive))
                   for rank in ranks), share
        floor = max(ranks, default=floor)
    assert ev.get("/api/v1/leaders/points-rules", token=None).status_code == 401


def test_batches_are_all_or_nothing(ev, cast, clock, seeded):
    clock.at = at(2030, 4, 1, 9, 0)
    u = cast["units"][1]
    before = cypher(seeded, "MATCH (e:Event) RETURN count(e) AS n")[0]["n"]
    rows = [{"unit_code": u["unit"], "category": "dispute", "summary": "批量", "reported_by":
             u["leader"]} for _ in range(3)]
    rows[1] = {**rows[1], "unit_code": "350304100001001001"[:-3] + "999"}
    r = ev.post("/api/v1/event-batches", json={"events": rows})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["events.1"]
    assert cypher(seeded, "MATCH (e:Event) RETURN count(e) AS n")[0]["n"] == before
    rows[1] = rows[0]
    assert ev.post("/api/v1/event-batches", json={"events": rows}).json()["created"] == 3


def test_a_batch_names_every_bad_row_and_writes_none(ev, cast, clock, seeded):
    clock.at = at(2030, 4, 1, 9, 30)
    u = cast["units"][1]
    good = {"unit_code": u["unit"], "category": "dispute", "summary": "批量",
            "reported_by": u["leader"]}
    count = "MATCH (e:Event) RETURN count(e) AS n"
    before = cypher(seeded, count)[0]["n"]
    # Only an unknown reporter: the batch is written, comes up short, and is rolled back.
    r = ev.post("/api/v1/event-batches", json={"events": [good, {**good, "reported_by":
                                                                   "nobody"}, good]})
    assert r.status_code == 422, r.text
    assert r.json()["errors"] == {"events.1": ["no person nobody"]}
    # A bad field too: every bad row is named, each with its reasons.
    r = ev.post("/api/v1/event-batches", json={"events": [
        good, {**good, "reported_by": "nobody"}, good, {**good, "category": "weather"}]})
    assert r.status_code == 422, r.text
    errors = r.json()["errors"]
    assert list(errors) == ["events.1", "events.3"] and "weather" in errors["events.3"][0]
    # A row of the wrong shape is refused by the schema, its field named by its path.
    r = ev.post("/api/v1/event-batches", json={"events": [good, {"unit_code": u["unit"]}]})
    assert r.status_code == 422 and {"events.1.summary", "events.1.category"} <= set(
        r.json()["errors"]), r.text
    assert cypher(seeded, count)[0]["n"] == before


def test_a_batch_writes_what_one_by_one_writes(ev, cast, clock, seeded):
    """Batches have their own statement (create_event_batch): an event and its first step come
    out the same either way, all but the ids."""
    clock.at = at(2030, 4, 1, 10, 0)
    u = cast["units"][3]
    body = {"unit_code": u["unit"], "category": "housing", "summary": "两条路",
            "reported_by": u["leader"]}
    one = ev.post("/api/v1/events", json=body)
    batch = ev.post("/api/v1/event-batches", json={"events": [body]})
    assert (one.status_code, batch.status_code) == (201, 201), (one.text, batch.text)
    ids = [one.json()["id"], batch.json()["ids"][0]]
    found = {r["id"]: r for r in cypher(seeded, """
        MATCH (u:Unit)<-[:IN]-(e:Event)-[:HAS_STEP]->(s:Step) WHERE e.id IN $ids
        RETURN e.id AS id, properties(e) AS e, properties(s) AS s, u.code AS unit""", ids=ids)}
    shown = [{part: {k: repr(v) for k, v in found[i][part].items()
                     if k not in ("id", "event_id")} for part in ("e", "s")} | {
              "unit": found[i]["unit"]} for i in ids]
    assert shown[0] == shown[1]
    assert found[ids[1]]["s"]["id"] == f"{ids[1]}:1"


def test_scope_and_roles_apply_to_events(ev, cast, clock, seeded):
    from orggraph.tokens import create_token

    clock.at = at(2030, 4, 2, 9, 0)
    local = create_token(seeded, role="platform", scope=BANTOU, name="坂头 platform")[0]
    leader = cast["units"][2]["leader"]
    e = new_event(ev, cast, 2, token=local)
    for action, extra in (("preprocess", {}), ("escalate", {"to": "community"})):
        assert ev.post(f"/api/v1/events/{e['id']}/steps", token=local,
                       json={"action": action, "by": leader, **extra}).status_code == 200
    ev.post(f"/api/v1/events/{e['id']}/steps", token=local,
            json={"action": "assess", "by": cast["secretary"]})
    r = ev.post(f"/api/v1/events/{e['id']}/steps", token=local,
                json={"action": "escalate", "by": cast["secretary"]})
    assert r.status_code == 200
    # Now at the town: a community's token may not decide there.
    r = ev.post(f"/api/v1/events/{e['id']}/steps", token=local,
                json={"action": "assess", "by": cast["centre"]["head"]})
    assert r.status_code == 403 and XIALIN in r.json()["detail"]
    assert ev.get(f"/api/v1/events/{e['id']}", token="reader").status_code == 403
    assert ev.get(f"/api/v1/events/{e['id']}", token="reader_licheng").status_code == 403
    licheng = create_token(seeded, role="platform", scope="350304", name="荔城 platform")[0]
    assert ev.get(f"/api/v1/events/{e['id']}", token=licheng).status_code == 404
    assert ev.get("/api/v1/events?within=350302", token=licheng).json()["total"] == 0
    r = ev.post("/api/v1/events", token=licheng, json={
        "unit_code": cast["units"][2]["unit"], "category": "dispute", "summary": "x",
        "reported_by": leader})
    assert r.status_code == 422 and "unit_code" in r.json()["errors"]
    r = ev.post("/api/v1/events", token="analyst", json={
        "unit_code": cast["units"][2]["unit"], "category": "dispute", "summary": "x",
        "reported_by": leader})
    assert r.status_code == 403


def test_open311_clients_file_and_follow_events(ev, cast, clock, tokens):
    clock.at = at(2030, 4, 3, 9, 0)
    services = ev.get("/api/v1/open311/v2/services.json", token=None)
    assert services.status_code == 200
    assert {"service_code": "dispute", "service_name": "矛盾纠纷"}.items() <= \
        services.json()[0].items()
    u = cast["units"][3]
    filed = ev.request("POST", "/api/v1/open311/v2/requests.json", token=None, data={
        "api_key": tokens["platform"], "service_code": "public_facility",
        "address_id": u["unit"], "description": "路灯损坏", "account_id": u["leader"]})
    assert filed.status_code == 201, filed.text
    rid = filed.json()[0]["service_request_id"]
    one = ev.get(f"/api/v1/open311/v2/requests/{rid}.json?api_key={tokens['platform']}",
                 token=None).json()[0]
    assert (one["status"], one["address_id"], one["service_code"]) == (
        "open", u["unit"], "public_facility")
    step(ev, rid, "preprocess", u["leader"])
    step(ev, rid, "resolve", u["leader"], note="已修复")
    # GeoReport clients send the standard's parameters to every server; they are not refused
    one = ev.get(f"/api/v1/open311/v2/requests.json?service_request_id={rid}"
                 "&jurisdiction_id=putian.gov.cn", token="platform").json()[0]
    assert one["status"] == "closed" and one["status_notes"] == "已修复"
    assert [n["type"] for n in one["notes"]] == ["collect", "preprocess", "resolve"]
    second = ev.request("POST", "/api/v1/open311/v2/requests.json", token=None, data={
        "api_key": tokens["platform"], "service_code": "dispute", "address_id": u["unit"],
        "description": "噪音", "account_id": u["leader"],
        "lat": "25.43", "long": "119.01", "email": "x@example.org",  # the standard's, unused
    }).json()[0]["service_request_id"]
    several = ev.get("/api/v1/open311/v2/requests.json?service_request_id="
                     f"{second},ev-nothing,{rid}", token="platform").json()
    assert [(r["service_request_id"], r["status"]) for r in several] == [
        (second, "open"), (rid, "closed")]  # in the order asked, the unknown one left out
    missing = ev.get("/api/v1/open311/v2/requests/ev-nothing.json", token="platform")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404
    assert ev.get("/api/v1/open311/v2/requests.json", token=None).status_code == 401



def test_open311_lists_open_requests_past_newer_closed_ones(ev, cast, clock):
    """``status=open`` pages through open events only: a page is not the newest events with
    the closed ones taken out afterwards (which would come back short, or empty)."""
    u = cast["units"][4]
    clock.at = at(2030, 4, 5, 9, 0)
    older_open = new_event(ev, cast, 4, category="dispute", summary="漏水")["id"]
    clock.at = at(2030, 4, 5, 10, 0)  # the newest event of the community, closed
    newest = new_event(ev, cast, 4, category="dispute", summary="漏水已修")["id"]
    step(ev, newest, "preprocess", u["leader"])
    step(ev, newest, "resolve", u["leader"], note="已修复")
    path = f"/api/v1/open311/v2/requests.json?within={BANTOU}&page_size=1"
    opened = ev.get(f"{path}&status=open", token="platform").json()
    assert [(r["service_request_id"], r["status"]) for r in opened] == [(older_open, "open")]
    closed = ev.get(f"{path}&status=closed", token="platform").json()
    assert [(r["service_request_id"], r["status"]) for r in closed] == [(newest, "closed")]
    # Listed requests carry what one request does: the unit and the hop history.
    assert [n["type"] for n in closed[0]["notes"]] == ["collect", "preprocess", "resolve"]
    assert closed[0]["status_notes"] == "已修复" and closed[0]["address"]
    assert [n["type"] for n in opened[0]["notes"]] == ["collect"]
    assert opened[0]["service_notice"] == "当前在单元层级处理"
    one = ev.get(f"/api/v1/open311/v2/requests/{older_open}.json", token="platform").json()
    assert opened == one
    either = ev.get(path, token="platform").json()
    assert [r["service_request_id"] for r in either] == [newest]


def test_events_list_the_open_ones_or_the_closed_ones(ev, seeded):
    """``open=true``: every event not closed yet, whatever its status; ``open=false``: the
    closed ones; counted against Cypher on the same graph."""
    counted = {r["closed"]: r["n"] for r in cypher(seeded, """
        MATCH (e:Event) WHERE e.unit_code STARTS WITH $p
        RETURN e.status = 'closed' AS closed, count(e) AS n""", p=XIALIN)}
    assert counted[True] and counted[False]  # the seed leaves some events open
    base = f"/api/v1/events?within={XIALIN}&page_size=500"
    opened = ev.get(f"{base}&open=true", token="platform").json()
    assert opened["total"] == counted[False]
    assert opened["items"] and all(e["status"] != "closed" for e in opened["items"])
    assert len({e["status"] for e in opened["items"]}) > 1  # not one status only
    closed = ev.get(f"{base}&open=false", token="platform").json()
    assert closed["total"] == counted[True]
    assert all(e["status"] == "closed" for e in closed["items"])
    for contradiction in ("open=true&status=closed", "open=false&status=assessed"):
        assert ev.get(f"{base}&{contradiction}", token="platform").json()["total"] == 0
    assert ev.get(f"{base}&open=maybe", token="platform").status_code == 422


def test_listed_events_name_their_unit_and_agency(ev, seeded):
    """Each of the list's three plans (a town's events, a district's, the open ones) names
    every event's unit and agency as Cypher finds them, and so does its CSV file."""
    names = {r["id"]: r for r in cypher(seeded, """
        MATCH (e:Event)-[:IN]->(u:Unit) WHERE e.unit_code STARTS WITH '350302'
        OPTIONAL MATCH (g:Agency {id: e.agency_id})
        RETURN e.id AS id, u.name AS unit, g.name AS agency""")}
    for query in (f"within={XIALIN}", "within=350302", f"within={XIALIN}&open=true"):
        items = ev.get(f"/api/v1/events?{query}&page_size=200", token="platform").json()["items"]
        assert items, query
        for e in items:
            assert e["unit"]["name"] == names[e["id"]]["unit"], (query, e["id"])
            assert (e["agency"] or {}).get("name") == names[e["id"]]["agency"], (query, e["id"])
    export = ev.get(f"/api/v1/events?within={BANTOU}&format=csv", token="platform")
    assert export.status_code == 200, export.text
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows and all(r["unit_name"] == names[r["id"]]["unit"] for r in rows)
    assert any(r["agency_name"] for r in rows)  # the history's events handed to agencies
    assert all(r["agency_name"] == (names[r["id"]]["agency"] or "") for r in rows)


def test_the_seed_history_has_the_articles_shape(ev):
    stats = ev.get("/api/v1/stats/events?within=350300&from=2022-05-01&to=2023-03-31").json()
    assert stats["collected"] > 40_000
    assert abs(stats["closure_rate"] - 0.9928) <= 0.005
    assert stats["grassroots_share"] >= 0.90
    disputes = stats["by_category"]["dispute"]
    assert 0.55 <= disputes["resolved_at"]["unit"] / disputes["closed"] <= 0.65
    rank = ev.get("/api/v1/leaders/ranking?within=350302003&month=2022-05&stars=5").json()
    assert rank["total"] >= 1 and all(r["stars"] == 5 for r in rank["items"])


def test_events_collected_at_once_are_written_together_each_with_its_audit(ev, cast, clock,
                                                                           seeded):
    """Requests arriving while another's commit is under way share the next transaction
    (orggraph.grouping); each still gets its own answer and its own audit record, and one
    refused or clashing request fails alone."""
    clock.at = at(2030, 1, 22, 9, 0)
    grouper = ev.app.extensions["orggraph.new_events"]
    key = {"Idempotency-Key": f"burst-{uuid.uuid4()}"}
    twice = {"unit_code": cast["units"][1]["unit"], "category": "public_security",
             "summary": "同一请求两次", "reported_by": cast["units"][1]["leader"]}
    missing_unit = BANTOU + "999999"
    for _ in range(3):  # a burst that happened to arrive one by one proves nothing: again
        before = grouper.largest_group
        bodies = [({"unit_code": u["unit"], "category": "dispute", "summary": f"邻里纠纷 {i}",
                    "reported_by": u["leader"]}, {})
                  for i, u in enumerate(cast["units"] * 4)]
        bodies += [({**bodies[0][0], "unit_code": missing_unit}, {}),
                   (twice, key), (twice, key)]
        answers: list = [None] * len(bodies)
        barrier = threading.Barrier(len(bodies))

        def send(i, body, headers, barrier=barrier, answers=answers):
            barrier.wait()
            answers[i] = ev.post("/api/v1/events", json=body, headers=headers)

        threads = [threading.Thread(target=send, args=(i, b, h))
                   for i, (b, h) in enumerate(bodies)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        plain, bad, same = answers[:24], answers[24], answers[25:]
        assert [r.status_code for r in plain] == [201] * 24, [r.text for r in plain]
        assert bad.status_code == 422 and missing_unit in bad.json()["detail"]
        # The same key twice at once: one event; the other gets its answer, replayed.
        made = [r for r in same if r.status_code == 201
                and r.headers.get("Idempotent-Replayed") != "true"]
        assert len(made) == 1 and all(
            r.status_code == 201 and r.json()["id"] == made[0].json()["id"] for r in same), \
            [r.text for r in same]
        ids = [r.json()["id"] for r in plain + made]
        assert len(set(ids)) == 25
        for r in plain:
            assert ev.get(f"/api/v1/events/{r.json()['id']}").json() == r.json()
        records = cypher(seeded, "MATCH (a:Audit {entity: 'event', action: 'create'}) "
                         "WHERE a.entity_id IN $ids RETURN a.entity_id AS id", ids=ids)
        assert sorted(r["id"] for r in records) == sorted(ids)
        assert not cypher(seeded, "MATCH (e:Event {unit_code: $u}) RETURN e",
                          u=missing_unit)
        key = {"Idempotency-Key": f"burst-{uuid.uuid4()}"}
        if grouper.largest_group > max(before, 1):
            break
    assert grouper.largest_group > 1, "no two requests of three bursts shared a transaction"
