"""Test fixtures: a real Neo4j server of the suite's own, the Putian seed, the API over HTTP.

The suite uses the local ``test`` instance (its own port and data folder, never the data of
``make run``), started here and stopped at the end unless ``ORGGRAPH_KEEP_TEST_DB=1``. With
``NEO4J_TEST_URI`` (and ``NEO4J_TEST_PASSWORD``) it uses that server instead; it must be a
server the suite may write to.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import requests
from werkzeug.serving import make_server

from orggraph.config import PROJECT_ROOT, Settings
from orggraph.store import Store
from orggraph.store.localdb import Instance

TEST_SEED = {"seed": 1, "scale": 1.0}
ARTIFACTS = PROJECT_ROOT / "artifacts"


@pytest.fixture(scope="session")
def settings() -> Settings:
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri:
        return Settings.from_env(neo4j_uri=uri,
                                 neo4j_password=os.environ.get("NEO4J_TEST_PASSWORD"))
    base = Settings.from_env(neo4j_uri=None, neo4j_password=None, instance="test")
    inst = Instance(base.home, "test")
    started = inst.start() == "started"
    yield base
    if started and os.environ.get("ORGGRAPH_KEEP_TEST_DB") != "1":
        inst.stop()


@pytest.fixture(scope="session")
def store(settings) -> Store:
    s = Store.open(settings)
    yield s
    s.close()


@pytest.fixture(scope="session")
def seeded(store) -> Store:
    """The Putian seed, loaded unless this very seed is already in the test database."""
    from seed.generator import GENERATOR_VERSION
    from seed.load import load_seed

    meta = store.read_one("admin/get_meta", key="seed")
    want = {**TEST_SEED, "fujian": False, "generator": GENERATOR_VERSION}
    if meta is None or any(meta["meta"].get(k) != v for k, v in want.items()):
        load_seed(store, **TEST_SEED)
    return store


class LiveServer:
    """The Flask app on a real socket in a thread, so the API is tested over HTTP."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def get(self, path: str, **kw) -> requests.Response:
        return requests.get(self.url + path, timeout=30, **kw)

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session")
def api(settings, seeded) -> LiveServer:
    from api import create_app

    live = LiveServer(create_app(settings))
    yield live
    live.stop()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
