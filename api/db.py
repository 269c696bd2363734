"""The app's one :class:`~orggraph.store.Store` (and so one driver), closed at exit, and what
is kept per process beside it: the clock, the same-day policy, the grouper of new events, the
analyses' projections, the points rankings."""

from __future__ import annotations

import atexit
import functools

from flask import Flask, current_app

from orggraph import events
from orggraph.caching import VersionedCache
from orggraph.clock import SYSTEM_CLOCK, Clock
from orggraph.errors import Conflict, Unavailable
from orggraph.grouping import Grouper
from orggraph.projection import ProjectionCache
from orggraph.store import Store
from orggraph.workflow import Policy

KEY = "orggraph.store"
PROJECTIONS = "orggraph.projections"
RANKINGS = "orggraph.rankings"


def init_app(app: Flask) -> None:
    settings = app.config["ORGGRAPH_SETTINGS"]
    store = app.config.get("ORGGRAPH_STORE") or Store.open(settings, for_requests=True)
    app.extensions[KEY] = store
    # Tests freeze the clock through the app's config; everyone else gets the real one.
    app.extensions["orggraph.clock"] = app.config.get("ORGGRAPH_CLOCK") or SYSTEM_CLOCK
    try:
        app.extensions["orggraph.policy"] = Policy.of(settings)
    except ValueError as e:
        raise SystemExit(f"ORGGRAPH_SAME_DAY_CUTOFF / ORGGRAPH_AGENCY_DAYS / "
                         f"ORGGRAPH_SWEEP_POLICY: {e}") from None
    try:
        app.extensions["orggraph.new_events"] = Grouper(
            functools.partial(events.write_collected, store), settings.event_group_max,
            alone_on=(Conflict,), wait_limit=settings.request_retry_seconds,
            late=lambda: Unavailable("events are waiting for the database to take them; "
                                     "nothing was recorded, try again"))
    except ValueError as e:
        raise SystemExit(f"ORGGRAPH_EVENT_GROUP_MAX: {e}") from None
    app.extensions[PROJECTIONS] = ProjectionCache()
    # A city's ranking is some 36,000 leaders (a few MB); a handful of areas' months is enough
    # for the pages someone is reading through.
    app.extensions[RANKINGS] = VersionedCache(size=4)
    atexit.register(store.close)


def get_store() -> Store:
    return current_app.extensions[KEY]


def get_projections() -> ProjectionCache:
    """The analyses' projections of this process (orggraph.projection)."""
    return current_app.extensions[PROJECTIONS]


def get_rankings() -> VersionedCache:
    """The points rankings this process computed, by area and month (orggraph.stats)."""
    return current_app.extensions[RANKINGS]


def get_clock() -> Clock:
    return current_app.extensions["orggraph.clock"]


def get_policy() -> Policy:
    return current_app.extensions["orggraph.policy"]


def get_new_events() -> Grouper:
    """Where ``POST /events`` hands the event it checked, to be written with others arriving
    at the same time."""
    return current_app.extensions["orggraph.new_events"]
