"""Neo4j down: the API answers 503 with Retry-After, never a traceback, and recovers by itself.

A server of its own (the ``outage`` instance) is started, stopped and started again here, so the
shared test server is never disturbed.
"""

import time

import pytest

from orggraph.config import Settings
from orggraph.store import Store
from orggraph.store.loader import load
from orggraph.tokens import create_token

from ..conftest import LiveServer, spare_server


@pytest.fixture(scope="module")
def outage(settings):
    with spare_server(settings) as inst:
        yield inst


def test_unreachable_database_is_503_with_retry_after():
    from api import create_app

    app = create_app(Settings.from_env(neo4j_uri="bolt://127.0.0.1:9", neo4j_password="x"))
    live = LiveServer(app, {"admin": "og_any"})  # checking any token needs the database
    try:
        health = live.get("/api/v1/health", token=None)
        assert health.status_code == 503
        assert health.json()["neo4j"] == "down" and health.headers["Retry-After"]
        r = live.get("/api/v1/areas/350304100001")
        assert r.status_code == 503
        assert r.headers["Content-Type"].startswith("application/problem+json")
        assert r.headers["Retry-After"] and "Traceback" not in r.text
        # Validation still answers without the database.
        assert live.get("/api/v1/areas", token=None).status_code == 401
    finally:
        live.stop()


def test_a_worker_warming_up_with_the_database_down_says_so_and_serves(caplog):
    import logging

    from api import create_app, warming

    app = create_app(Settings.from_env(neo4j_uri="bolt://127.0.0.1:9", neo4j_password="x"))
    with caplog.at_level(logging.INFO, logger="gunicorn.error"):
        warming.start(app).join(timeout=60)
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert caplog.records[0].getMessage().startswith("warm-up stopped: ")
    assert "Traceback" not in caplog.text
    assert not app.extensions["orggraph.projections"].entries


def _load_city(store) -> None:
    """The outage server holds only the city: enough for a token and a lookup."""
    load(store, [{"areas": [{"code": "350300", "name": "莆田市", "official_name": "莆田市",
                             "tier": "city", "kind": None, "residents": 0,
                             "parent_code": None}]}])


@pytest.mark.slow
def test_database_stopped_then_restarted(outage):
    from api import create_app

    settings = Settings.from_env(neo4j_uri=outage.uri, neo4j_password=outage.password())
    app = create_app(settings)
    store = Store.open(settings)
    try:
        _load_city(store)
        token, _ = create_token(store, role="admin", scope="350300")
    finally:
        store.close()
    live = LiveServer(app, {"admin": token})
    try:
        assert live.get("/api/v1/health").status_code == 200
        assert live.get("/api/v1/areas/350300").json()["name"] == "莆田市"
        outage.stop()
        for path in ("/api/v1/health", "/api/v1/areas/350300", "/api/v1/areas?q=x"):
            r = live.get(path)
            assert r.status_code == 503, path
            assert r.headers["Retry-After"].isdigit()
        outage.start()
        deadline = time.monotonic() + 30
        while live.get("/api/v1/health").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert live.get("/api/v1/health").json() == {"status": "ok", "neo4j": "up"}
        assert live.get("/api/v1/areas/350300").status_code == 200
    finally:
        live.stop()
