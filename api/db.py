"""The app's one :class:`~orggraph.store.Store` (and so one driver), closed at exit."""

from __future__ import annotations

import atexit

from flask import Flask, current_app

from orggraph.clock import SYSTEM_CLOCK, Clock
from orggraph.store import Store
from orggraph.workflow import Policy

KEY = "orggraph.store"


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
    atexit.register(store.close)


def get_store() -> Store:
    return current_app.extensions[KEY]


def get_clock() -> Clock:
    return current_app.extensions["orggraph.clock"]


def get_policy() -> Policy:
    return current_app.extensions["orggraph.policy"]
