"""Test fixtures: a real Neo4j server of the suite's own, the Putian seed, the API over HTTP.

The suite uses the local ``test`` instance (its own port and data folder, never the data of
``make run``), started here and stopped at the end unless ``ORGGRAPH_KEEP_TEST_DB=1``. With
``NEO4J_TEST_URI`` (and ``NEO4J_TEST_PASSWORD``) it uses that server instead; it must be a
server the suite may write to.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
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


@contextmanager
def spare_server(settings, *, wiped: bool = False):
    """A second local server (the ``outage`` instance, port 7689) that tests may stop, kill
    and restart without disturbing the shared one; stopped afterwards."""
    if settings.neo4j_uri:
        pytest.skip("needs the local server machinery (NEO4J_TEST_URI is set)")
    inst = Instance(settings.home, "outage", port=7689, heap="768m", pagecache="128m")
    if wiped:
        inst.stop()
        inst.wipe(echo=lambda m: None)
    inst.start()
    try:
        yield inst
    finally:
        inst.stop()


@pytest.fixture(scope="session")
def store(settings) -> Store:
    s = Store.open(settings)
    yield s
    s.close()


@pytest.fixture(scope="session")
def seeded(store) -> Store:
    """The Putian seed, loaded unless this very seed is already in the test database."""
    from orggraph.store.schema import apply_schema
    from seed.generator import GENERATOR_VERSION
    from seed.load import load_seed

    meta = store.read_one("admin/get_meta", key="seed")
    want = {**TEST_SEED, "fujian": False, "generator": GENERATOR_VERSION}
    if meta is None or any(meta["meta"].get(k) != v for k, v in want.items()):
        # Another seed (or an older generator): start from an empty database, since loading
        # only adds and updates.
        with store.driver.session(database=store.database) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS"
                        ).consume()
        load_seed(store, **TEST_SEED)
    else:
        apply_schema(store)  # indexes added since that seed was loaded
    return store


# The tokens the suite works with: name -> (role, scope).
TOKENS = {
    "admin": ("admin", "350300"),
    "org_chengxiang": ("org_department", "350302"),  # 城厢区 organization department
    "org_xialin": ("org_department", "350302003"),  # 霞林街道
    "analyst": ("analyst", "350300"),
    "platform": ("platform", "350300"),
    "reader": ("reader", "350300"),
    "reader_licheng": ("reader", "350304"),
}


def count(store, label: str) -> int:
    """How many nodes carry ``label``: what a refused change must leave as it was."""
    records, _, _ = store.driver.execute_query(
        "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS n", {"label": label},
        database_=store.database)
    return records[0]["n"]


class LiveServer:
    """The Flask app on a real socket in a thread, so the API is tested over HTTP.

    Requests carry the admin token unless ``token=`` names another (or None for none).
    """

    def __init__(self, app, tokens: dict[str, str] | None = None):
        self.app = app
        self.tokens = tokens or {}
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def request(self, method: str, path: str, token: str | None = "admin", headers=None,
                **kw) -> requests.Response:
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {self.tokens.get(token, token)}"
        return requests.request(method, self.url + path, headers=headers, timeout=60, **kw)

    def get(self, path: str, **kw) -> requests.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw) -> requests.Response:
        return self.request("POST", path, **kw)

    def patch(self, path: str, **kw) -> requests.Response:
        return self.request("PATCH", path, **kw)

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session")
def tokens(seeded) -> dict[str, str]:
    from orggraph.tokens import create_token

    return {name: create_token(seeded, role=role, scope=scope, name=f"test {name}",
                               rate_limit=100_000)[0]
            for name, (role, scope) in TOKENS.items()}


@pytest.fixture(scope="session")
def api(settings, seeded, tokens) -> LiveServer:
    from api import create_app

    live = LiveServer(create_app(settings), tokens)
    yield live
    live.stop()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
