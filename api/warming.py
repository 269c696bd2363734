"""A worker prepares the analyses of its areas as it starts (``ORGGRAPH_WARM``), so that the
first analysis, and the first event routed, after a start or a restart do not wait for the
projection to be built: on Putian, a second or more, and several seconds while Neo4j's page
cache is still cold. Requests that come meanwhile wait for the same build rather than repeat
it (orggraph.projection.ProjectionCache)."""

from __future__ import annotations

import logging
import threading

from flask import Flask

from orggraph import analysis
from orggraph.errors import OrggraphError

from .db import get_projections, get_store

log = logging.getLogger("gunicorn.error")


def start(app: Flask) -> threading.Thread:
    with app.app_context():
        store, cache = get_store(), get_projections()
    configured = app.config["ORGGRAPH_SETTINGS"].warm

    def run() -> None:
        try:
            areas = analysis.warm_areas(store, configured)
            if not areas and configured is None:
                log.info("warm-up: nothing prepared, the graph holding no city or several; "
                         "name the areas to prepare in ORGGRAPH_WARM")
            for area in areas:
                nodes, seconds = analysis.warm(store, cache, area)
                if nodes:
                    log.info("warm-up: the analyses of %s ready (%d nodes) in %.1f s", area,
                             nodes, seconds)
                else:
                    log.warning("warm-up: no area %s in the graph (ORGGRAPH_WARM)", area)
        except OrggraphError as e:  # Neo4j away: serve anyway, the first request builds
            log.warning("warm-up stopped: %s", e)
        except Exception:
            log.exception("warm-up stopped")

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread
