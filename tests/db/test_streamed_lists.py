"""The two lists that can outgrow memory (events, the audit log) stream their rows when asked
(``PageRequest(streamed=True)``, as exports do): the same items as the list read whole, read
from the database only as they are consumed, and the session let go when they stop."""

from datetime import UTC, date, datetime

import pytest

from orggraph import audit, events
from orggraph.auth import Caller
from orggraph.clock import FrozenClock
from orggraph.paging import PageRequest

pytestmark = pytest.mark.usefixtures("seeded")
CLOCK = FrozenClock(datetime(2023, 6, 1, tzinfo=UTC))
ADMIN = Caller.of("test", "admin", None, name="test streamed lists")


def both(list_fn, **kw) -> tuple[list, object]:
    whole = list_fn(PageRequest(1, 3000), **kw)
    streamed = list_fn(PageRequest(1, 3000, streamed=True), **kw)
    assert streamed["total"] == whole["total"]
    return whole["items"], streamed["items"]


@pytest.mark.parametrize("filters", [{"within": "350302003"}, {"within": "350302"},
                                     {"status": "closed", "within": "350302003"}],
                         ids=["town", "district", "closed"])
def test_events_stream_the_same_items_as_read_whole(store, filters):
    whole, streamed = both(lambda p, **kw: events.list_events(store, ADMIN, p, clock=CLOCK, **kw),
                           **filters)
    assert not isinstance(streamed, list) and iter(streamed) is streamed  # lazily read
    assert list(streamed) == whole and len(whole) > 100


@pytest.mark.parametrize("filters", [{}, {"entity": "token"},
                                     {"from_": date(2020, 1, 1), "to": date(2099, 1, 1)}],
                         ids=["all", "kind", "window"])
def test_the_audit_log_streams_the_same_records_as_read_whole(store, filters):
    whole, streamed = both(lambda p, **kw: audit.list_audit(store, ADMIN, p, **kw), **filters)
    assert iter(streamed) is streamed
    assert list(streamed) == whole and whole
    assert all(isinstance(r["after"], dict | list) or r["after"] is None for r in whole)


def test_a_stream_left_unfinished_lets_its_session_go(store):
    """A client that leaves during an export closes the stream: its connection goes back to
    the driver's pool (else every such export would keep one until the worker ends)."""
    def in_use() -> int:
        pool = store.driver._pool  # (the driver has no public count of connections in use)
        return sum(1 for conns in pool.connections.values() for c in conns if c.in_use)

    before = in_use()
    items = events.list_events(store, ADMIN, PageRequest(1, 3000, streamed=True),
                               within="350302", clock=CLOCK)["items"]
    next(items)
    assert in_use() == before + 1
    del items  # as a closed answer drops its rows: the stream is closed with the last reference
    assert in_use() == before
