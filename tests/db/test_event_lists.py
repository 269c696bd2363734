"""The events list's three plans give the same pages: newest first from the collection-time
index (a district or wider), the open events of one status through the status index, and a
sort of the events found by unit code (the general plan, which the others are checked
against)."""

from datetime import UTC, datetime

import pytest

from orggraph import events
from orggraph.auth import Caller
from orggraph.clock import FrozenClock
from orggraph.paging import PageRequest

pytestmark = pytest.mark.usefixtures("seeded")
NOW = datetime(2023, 6, 1, tzinfo=UTC)  # after the seed's history: its open events are overdue
FILTERS = [{}, {"status": "closed"}, {"category": "dispute"}, {"overdue": True},
           {"needs_check": True}]


def ids(rows):
    return [r["event"]["id"] for r in rows]


@pytest.mark.parametrize("prefix", ["3503", "350302", "350302003"])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "none")
def test_both_plans_give_the_same_pages(store, prefix, filters):
    params = {"prefix": prefix, "status": None, "category": None, "overdue": None,
              "needs_check": None, "now": NOW, **filters}
    pages = {}
    for skip in (0, 200):
        narrow = ids(store.read("events/list_events", **params, skip=skip, limit=50))
        wide = ids(store.read("events/list_events_wide", **params, skip=skip, limit=50))
        assert wide == narrow
        pages[skip] = narrow
    assert pages[0]  # not a comparison of two empty lists
    if not filters:  # the count of an unfiltered list has its own statement
        counted = store.read_one("events/count_events_in_area", prefix=prefix)
        assert counted["n"] == store.read_one("events/count_events", **params)["n"]
        assert counted["stored"] == store.driver.execute_query(
            "MATCH (e:Event) RETURN count(e) AS n", database_=store.database).records[0]["n"]


def test_an_unfiltered_list_walks_from_the_newest_while_that_reads_less_than_a_sort():
    # 514,779 events stored (the full history): a town holds about 15,000, a community 500.
    stored, plan = 514_779, events.list_plan
    assert plan("350302003", None, filtered=False, reach=50, matching=14_829,
                stored=stored) == "events/list_events_wide"
    assert plan("350302003", None, filtered=False, reach=5_050, matching=14_829,
                stored=stored) == "events/list_events"  # a deep page: sorting reads less
    assert plan("350302003003", None, filtered=False, reach=50, matching=526,
                stored=stored) == "events/list_events"
    assert plan("3503", None, filtered=False, reach=50, matching=stored,
                stored=stored) == "events/list_events_wide"
    assert plan("350302003", None, filtered=False, reach=50, matching=0,
                stored=stored) == "events/list_events"
    # With a filter the count says nothing of how many events the walk passes over.
    assert plan("350302003", None, reach=50, matching=14_829,
                stored=stored) == "events/list_events"
    assert plan("3503", ["assessed"], filtered=False) == "events/list_events_of_status"


def test_open_events_are_found_through_the_status_index():
    assert events.open_statuses("assessed", None) == ["assessed"]
    assert events.open_statuses("closed", True) is None  # none match: the general plan says so
    assert events.open_statuses(None, True) == events.OPEN_STATUSES
    assert "closed" not in events.OPEN_STATUSES and len(events.OPEN_STATUSES) == 5
    assert events.open_statuses(None, False) is None and events.open_statuses(None, None) is None
    assert events.count_plan(events.OPEN_STATUSES, filtered=True) == \
        "events/count_events_of_status"
    assert events.count_plan(None, filtered=True, category="land") == \
        "events/count_events_of_category"
    assert events.count_plan(["assessed"], filtered=True, category="land") == \
        "events/count_events_of_status"  # open events are fewer than those of a category


@pytest.mark.parametrize("prefix", ["3503", "350302", "350302003"])
def test_a_category_is_counted_from_its_index_as_the_general_count_does(store, prefix):
    for extra in ({}, {"status": "closed"}, {"needs_check": True}, {"overdue": False}):
        for category in ("dispute", "land", "epidemic"):
            params = {"prefix": prefix, "status": None, "category": category, "overdue": None,
                      "needs_check": None, "now": NOW, **extra}
            counted = store.read_one("events/count_events_of_category", **params)["n"]
            assert counted == store.read_one("events/count_events", **params)["n"]
            if not extra and category == "dispute":
                assert counted > 0  # not a comparison of two zeros


def test_a_town_lists_its_newest_events_first(store):
    caller = Caller.of("test", "platform", "350302003", name="test platform")
    page = events.list_events(store, caller, PageRequest(page=1, page_size=50),
                              clock=FrozenClock(NOW))
    times = [e["collected_at"] for e in page["items"]]
    assert len(times) == 50 and times == sorted(times, reverse=True)
    assert page["total"] == store.read_one("events/count_events_in_area",
                                           prefix="350302003")["n"]


def test_a_page_past_the_last_event_is_empty_with_the_total(store):
    caller = Caller.of("test", "platform", "350302", name="test platform")
    first = events.list_events(store, caller, PageRequest(page=1, page_size=50),
                               category="land", clock=FrozenClock(NOW))
    last_page = -(-first["total"] // 50)
    beyond = events.list_events(store, caller, PageRequest(page=last_page + 1, page_size=50),
                                category="land", clock=FrozenClock(NOW))
    assert first["total"] > 50 and len(first["items"]) == 50
    assert beyond["total"] == first["total"] and beyond["items"] == []
    at_end = events.list_events(store, caller, PageRequest(page=last_page, page_size=50),
                                category="land", clock=FrozenClock(NOW))
    assert len(at_end["items"]) == first["total"] - 50 * (last_page - 1)


def test_a_district_lists_its_newest_events_first(store):
    caller = Caller.of("test", "platform", "350302", name="test platform")
    page = events.list_events(store, caller, PageRequest(page=1, page_size=50),
                              clock=FrozenClock(NOW))
    times = [e["collected_at"] for e in page["items"]]
    assert len(times) == 50 and times == sorted(times, reverse=True)
    assert all(e["unit"]["code"].startswith("350302") for e in page["items"])
    newest = store.driver.execute_query(
        "MATCH (e:Event) WHERE e.unit_code STARTS WITH '350302' "
        "RETURN max(e.collected_at) AS t", database_=store.database).records[0]["t"]
    assert page["items"][0]["collected_at"] == events.iso(newest)


def test_the_status_plan_gives_the_same_pages(store):
    found = store.driver.execute_query(
        "MATCH (e:Event) WHERE e.status <> 'closed' RETURN DISTINCT e.status AS s",
        database_=store.database).records
    statuses = sorted(r["s"] for r in found)
    assert statuses  # the seed leaves some events open
    cases = [{"status": s} for s in statuses] + [{"overdue": True},
                                                 {"overdue": True, "category": "dispute"}]
    for case in cases:
        pages = {}
        for prefix in ("3503", "350302"):
            params = {"prefix": prefix, "status": None, "category": None, "overdue": None,
                      "needs_check": None, "now": NOW, "skip": 0, "limit": 50, **case}
            params["statuses"] = events.open_statuses(params["status"], params["overdue"])
            pages[prefix] = ids(store.read("events/list_events_of_status", **params))
            assert pages[prefix] == ids(store.read("events/list_events", **params))
            assert store.read_one("events/count_events_of_status", **params) == \
                store.read_one("events/count_events", **params)
        assert pages["3503"], case  # each case has events in the city
