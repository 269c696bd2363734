"""Reading events: one, several by id, and the list of an area with its filters, through
the plan that reads least for it (BENCHMARKS.md, "Listing events")."""

from __future__ import annotations

from .. import codes, workflow
from ..auth import READ_PEOPLE, WRITE_EVENTS, Caller
from ..clock import SYSTEM_CLOCK, Clock
from ..errors import InvalidInput, NotFound
from ..model import CATEGORIES
from ..paging import PageRequest, walk_reads_less
from .forms import native, render


def get_event(store, caller: Caller, event_id: str, *, clock: Clock = SYSTEM_CLOCK) -> dict:
    caller.require(READ_PEOPLE)
    row = _stored(store, caller, event_id)
    return render(row["event"], row["unit"], row["agency"], row["trail"], clock.now())


def _stored(store, caller: Caller, event_id: str) -> dict:
    """One event in the caller's scope as stored, or NotFound. The by-id list is the one
    statement that shows events, so a single event and a page of them cannot drift apart."""
    rows = store.read("events/list_events_by_id", ids=[event_id], scope=caller.scope.prefix)
    if not rows:
        raise NotFound(f"no event {event_id}")
    return rows[0]


def get_events(store, caller: Caller, event_ids: list[str], *,
               clock: Clock = SYSTEM_CLOCK) -> list[dict]:
    """The events of ``event_ids`` in the caller's scope, in that order, in one round trip;
    unknown ones are left out."""
    caller.require(READ_PEOPLE)
    now = clock.now()
    return [render(r["event"], r["unit"], r["agency"], r["trail"], now)
            for r in store.read("events/list_events_by_id", ids=list(event_ids),
                                scope=caller.scope.prefix)]


def suggest(store, caller: Caller, event_id: str, route) -> dict:
    """``route(event)`` for an event in scope: where it should go from where it is now."""
    caller.require(WRITE_EVENTS)
    return route(native(_stored(store, caller, event_id)["event"]))


def list_events(store, caller: Caller, page: PageRequest, *, within: str | None = None,
                status: str | None = None, category: str | None = None,
                overdue: bool | None = None, needs_check: bool | None = None,
                still_open: bool | None = None, clock: Clock = SYSTEM_CLOCK) -> dict:
    """A page of events, newest first. ``still_open``: True for those not closed yet (found
    through the status index, as any open status is), False for the closed ones."""
    caller.require(READ_PEOPLE)
    if within is not None:
        codes.check(within, "within")
    if status is not None and status not in workflow.STATUSES:
        raise InvalidInput(f"unknown status {status!r}",
                           errors={"status": list(workflow.STATUSES)})
    if category is not None and category not in CATEGORIES:
        raise InvalidInput(f"unknown category {category!r}", errors={"category": list(CATEGORIES)})
    prefix = caller.scope.within(within)
    if still_open is not None and status is not None and still_open == (status == "closed"):
        return page.result([], 0)  # a status the other filter rules out
    if still_open is False:
        status = "closed"
    if prefix is None:
        return page.result([], 0)
    now = clock.now()
    statuses = open_statuses(status, overdue or still_open)
    params = {"prefix": prefix, "status": status, "category": category, "overdue": overdue,
              "needs_check": needs_check, "now": now, "statuses": statuses}
    total, listing = count_and_plan(store, params, reach=page.skip + page.page_size)
    # Past the last match there is nothing to read; asking would make the walk from the
    # newest read the whole history to fill nothing.
    rows = page.rows(store, listing, **params, skip=page.skip, limit=page.page_size) \
        if page.skip < total else []
    return page.result(page.shown(rows, lambda r: render(r["event"], r["unit"], r["agency"],
                                                         None, now)), total)


OPEN_STATUSES = [s for s in workflow.STATUSES if s != "closed"]


def count_and_plan(store, params: dict, *, reach: int) -> tuple[int, str]:
    """Count the list of ``params`` (as :func:`list_events` makes them) and choose the
    statement that lists it up to ``reach`` (skip plus page size): (total, statement)."""
    filtered = any(params[k] is not None for k in ("status", "category", "overdue",
                                                   "needs_check"))
    counted = store.read_one(count_plan(params["statuses"], filtered=filtered,
                                        category=params["category"]), **params)
    return counted["n"], list_plan(params["prefix"], params["statuses"], filtered=filtered,
                                   reach=reach, matching=counted["n"],
                                   stored=counted.get("stored", 0))


def open_statuses(status: str | None, still_open: bool | None) -> list[str] | None:
    """The statuses a list is confined to when all of them are open ones (a small share of
    the events, which the status index finds), else None: the status asked for, or every
    open one when ``still_open`` (only open events asked for, or only overdue ones: an overdue
    event is open)."""
    if status is not None:
        return [status] if status in OPEN_STATUSES else None
    return OPEN_STATUSES if still_open else None


def count_plan(statuses: list[str] | None, *, filtered: bool,
               category: str | None = None) -> str:
    """The statement that counts the list; ``statuses`` as :func:`open_statuses` gives them,
    ``filtered``: anything but the area narrows it. A filter with an index of its own is
    counted from it, the one matching fewer events first."""
    if statuses:
        return "events/count_events_of_status"  # open events: the status index
    if category is not None:
        return "events/count_events_of_category"  # the (category, unit_code) index
    # With no filter, the unit-code index alone counts them (and the stored total comes too).
    return "events/count_events" if filtered else "events/count_events_in_area"


def list_plan(prefix: str, statuses: list[str] | None, *, filtered: bool = True,
              reach: int = 0, matching: int = 0, stored: int = 0) -> str:
    """The statement that lists the page. ``statuses``: as :func:`open_statuses` gives them;
    ``reach``: skip plus page size; ``matching`` and ``stored``: the list's total and every
    event stored, known for an unfiltered list."""
    if statuses:
        # Open events are a small share: found through the status index.
        return "events/list_events_of_status"
    if not filtered and matching:
        # The walk from the newest reads about reach × stored / matching entries of the
        # collection-time index before the page is full; the sort reads the area's events.
        walk = walk_reads_less(reach, matching, stored)
        return "events/list_events_wide" if walk else "events/list_events"
    if len(prefix) <= 6:
        # A district or wider holds tens of thousands of events: read newest first from the
        # collection-time index until the page is full, not all sorted.
        return "events/list_events_wide"
    return "events/list_events"  # found by unit code, then sorted
