"""The audit list's counts come from indexes or the label's count, and must equal a count of
the whole log in every scope; a kind's records found through its index give the same pages
as the walk of the time index."""

import random
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from orggraph import audit
from orggraph.auth import Caller
from orggraph.clock import FrozenClock
from orggraph.events.collect import create_events
from orggraph.paging import PageRequest
from orggraph.pairings import create_pairing
from orggraph.tokens import create_token

pytestmark = pytest.mark.usefixtures("seeded")

XIALIN = "350302003"  # 霞林街道, 城厢区


def whole_log_count(store, prefix: str, entity: str | None) -> int:
    return store.driver.execute_query(
        "MATCH (a:Audit) WHERE (a.area_code IS NULL AND $p = '' OR a.area_code STARTS WITH $p) "
        "AND ($e IS NULL OR a.entity = $e) RETURN count(a) AS n", p=prefix, e=entity,
        database_=store.database).records[0]["n"]


@pytest.mark.parametrize("scope", [None, "350300", "350302", "350302003"])
@pytest.mark.parametrize("entity", [None, "token"])
def test_totals_equal_a_count_of_the_whole_log(store, scope, entity):
    # Tokens are audited with their scope's code, so the suite has some in every scope here.
    if scope:
        create_token(store, role="reader", scope=scope, name=f"test audit {scope}")
    caller = Caller.of("test", "admin", scope, name="test audit")
    total = audit.list_audit(store, caller, PageRequest(page=1, page_size=5),
                             entity=entity)["total"]
    expected = whole_log_count(store, caller.scope.prefix, entity)
    assert total == expected and expected > 0


def test_the_count_plan_reads_the_log_only_for_an_entity():
    assert audit.count_plan("", None) == "audit/count_audit_all"
    assert audit.count_plan("350302", None) == "audit/count_audit_in_scope"
    assert audit.count_plan("350302", "token") == "audit/count_audit_of_kind"
    assert audit.count_plan("", "token") == "audit/count_audit"


@pytest.fixture(scope="module")
def kinds_changed(store):
    """At least two pages (40 records) of token, pairing and event changes in 霞林街道, made
    here if the database has fewer, so the comparison below never compares empty pages.
    Pairings are one day long on alternate days of a year of their own and events are
    collected in 2030 (tests/api/test_events.py clears that year), so nothing here overlaps
    another test's records or a later run's."""
    need = {e: max(0, 40 - whole_log_count(store, XIALIN, e))
            for e in ("token", "pairing", "event")}
    for i in range(need["token"]):
        create_token(store, role="reader", scope=XIALIN, name=f"test audit pages {i}")
    org = Caller.of("test", "org_department", XIALIN, name="test audit pages")
    agency, community = store.driver.execute_query(
        "MATCH (a:Agency)-[:JURISDICTION]->(:Area {code: $t}) "
        "MATCH (c:Community) WHERE c.code STARTS WITH $t "
        "RETURN a.id AS agency, max(c.code) AS community ORDER BY agency LIMIT 1",
        t=XIALIN, database_=store.database).records[0]
    day = date(random.Random(time.time_ns()).randrange(2100, 9900), 3, 1)
    for _ in range(need["pairing"]):
        create_pairing(store, org, agency_id=agency, community_code=community, since=day,
                       until=day + timedelta(days=1))
        day += timedelta(days=2)
    if need["event"]:
        unit, leader = store.driver.execute_query(
            "MATCH (p:Person)-[l:LEADS {role: 'unit_leader'}]->(u:Unit) "
            "WHERE u.code STARTS WITH $t AND l.until IS NULL "
            "RETURN u.code AS unit, p.id AS leader ORDER BY unit LIMIT 1",
            t=XIALIN, database_=store.database).records[0]
        platform = Caller.of("test", "platform", XIALIN, name="test audit pages")
        clock = FrozenClock(datetime(2030, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=8))))
        for _ in range(need["event"]):  # one batch, one audit record
            create_events(store, platform, [{"unit_code": unit, "category": "housing",
                                             "summary": "审计分页样例", "reported_by": leader}],
                          clock=clock)


@pytest.mark.parametrize("scope", ["3503", "350302"])
@pytest.mark.parametrize("entity", ["token", "pairing", "event"])
def test_both_plans_give_the_same_pages_of_one_kind(store, kinds_changed, scope, entity):
    pages = []
    for skip in (0, 20):
        params = {"scope": scope, "entity": entity, "skip": skip, "limit": 20}
        walk = store.read("audit/list_audit", **params)
        found = store.read("audit/list_audit_of_kind", **params)
        assert [r["record"]["id"] for r in found] == [r["record"]["id"] for r in walk]
        pages += walk
    assert len(pages) == 40  # two full pages (kinds_changed)


def test_a_kind_with_few_records_is_found_and_sorted_not_walked_to():
    stored = 351_000
    assert audit.list_plan(reach=50, matching=115, stored=stored) == "audit/list_audit_of_kind"
    assert audit.list_plan(reach=50, matching=351_000, stored=stored) == "audit/list_audit"
    assert audit.list_plan(reach=50, matching=115, stored=None) == "audit/list_audit"


@pytest.fixture
def dated_records(store):
    """Four records of one object in 霞林街道 either side of two local midnights (China
    Standard Time, +08:00): 2001-03-04 runs from 2001-03-03T16:00Z to 2001-03-04T16:00Z. Years
    before any other record, so they sit at the far end of the log; removed afterwards."""
    eid = f"test-window-{time.time_ns()}"
    ats = {"before_3rd_ends": "2001-03-03T15:59:59.999Z", "4th_begins": "2001-03-03T16:00:00Z",
           "before_4th_ends": "2001-03-04T15:59:59.999Z", "5th_begins": "2001-03-04T16:00:00Z"}
    store.driver.execute_query(
        "UNWIND keys($ats) AS k CREATE (:Audit {id: $eid + '-' + k, at: datetime($ats[k]), "
        "token_id: 'test', actor: 'test window', action: 'create', entity: 'pairing', "
        "entity_id: $eid, area_code: $code})",
        ats=ats, eid=eid, code=XIALIN + "001", database_=store.database)
    yield eid
    store.driver.execute_query("MATCH (a:Audit {entity_id: $eid}) DELETE a", eid=eid,
                               database_=store.database)


@pytest.mark.parametrize(("from_", "to", "expected"), [
    ("2001-03-04", "2001-03-04", ["before_4th_ends", "4th_begins"]),
    ("2001-03-04", None, ["5th_begins", "before_4th_ends", "4th_begins"]),
    (None, "2001-03-03", ["before_3rd_ends"]),
    ("2001-03-05", "2001-03-05", ["5th_begins"]),
    ("2001-03-06", "2001-03-09", []),
])
def test_a_window_of_local_days_holds_exactly_their_records(store, dated_records, from_, to,
                                                            expected):
    caller = Caller.of("test", "org_department", XIALIN, name="test window")
    page = PageRequest(page=1, page_size=50)
    mine = audit.list_audit(store, caller, page, entity_id=dated_records, from_=from_, to=to)
    assert [r["id"] for r in mine["items"]] == [f"{dated_records}-{k}" for k in expected]
    assert mine["total"] == len(expected)
    if to is not None:
        # Without the object, through the time index: the window holds the same records
        # (nothing else in the log is that old), counted the same.
        everything = audit.list_audit(store, caller, page, from_=from_, to=to)
        ours = [r["id"] for r in everything["items"] if r["entity_id"] == dated_records]
        assert ours == [r["id"] for r in mine["items"]]
        assert everything["total"] == len(everything["items"]) == len(ours)


def test_a_window_outside_the_scope_shows_nothing(store, dated_records):
    elsewhere = Caller.of("test", "org_department", "350304", name="test window")
    got = audit.list_audit(store, elsewhere, PageRequest(page=1, page_size=50),
                           from_="2001-03-01", to="2001-03-31")
    assert got == {**got, "items": [], "total": 0}
