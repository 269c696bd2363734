"""The app's one :class:`~orggraph.store.Store` (and so one driver), closed at exit."""

from __future__ import annotations

import atexit

from flask import Flask, current_app

from orggraph.store import Store

KEY = "orggraph.store"


def init_app(app: Flask) -> None:
    settings = app.config["ORGGRAPH_SETTINGS"]
    store = app.config.get("ORGGRAPH_STORE") or Store.open(settings, for_requests=True)
    app.extensions[KEY] = store
    atexit.register(store.close)


def get_store() -> Store:
    return current_app.extensions[KEY]
