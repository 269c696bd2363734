"""Hardening on a server of its own (the ``spare`` instance, one town of the seed): backup and
restore give the same fingerprint; a database killed with SIGKILL during a 10,000-row import
loses nothing and duplicates nothing; reads and writes through a database restart.

Figures the tests measure are written to ``artifacts/reliability.json`` (RELIABILITY.md
quotes a run).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import NamedTuple

import pytest
import requests

from orggraph.config import Settings
from orggraph.store import Store
from orggraph.tokens import create_token

from ..conftest import LiveServer, spare_server

TOWN = "350302003"  # 霞林街道
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spare(settings):
    from seed.load import load_seed

    with spare_server(settings, wiped=True) as inst:
        store = open_store(inst)
        load_seed(store, only=TOWN)
        store.close()
        yield inst


def open_store(inst) -> Store:
    return Store.open(Settings.from_env(neo4j_uri=inst.uri, neo4j_password=inst.password()))


def cli(inst, *args, check=True) -> subprocess.CompletedProcess:
    env = dict(os.environ, NEO4J_URI=inst.uri, NEO4J_PASSWORD=inst.password())
    return subprocess.run([sys.executable, "-m", "orggraph.cli", *args], env=env,
                          capture_output=True, text=True, timeout=600, check=check)


def record(artifacts: Path, key: str, value) -> None:
    path = artifacts / "reliability.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[key] = value
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))


def test_export_wipe_import_gives_the_same_fingerprint(spare, tmp_path, artifacts):
    before = json.loads(cli(spare, "fingerprint").stdout)
    assert before["nodes"] > 10_000 and before["labels"]["Event"] > 100
    path = tmp_path / "putian.jsonl.gz"
    t = time.perf_counter()
    exported = json.loads(cli(spare, "export", str(path)).stdout)
    export_s = time.perf_counter() - t
    assert exported["fingerprint"] == before
    # A truncated file is refused before anything stored is touched.
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    refused = cli(spare, "import", str(broken), "--replace", check=False)
    assert refused.returncode != 0 and "cannot be read" in refused.stderr
    assert json.loads(cli(spare, "fingerprint").stdout) == before
    # Into a database that is not empty: refused, unless asked to replace.
    refused = cli(spare, "import", str(path), check=False)
    assert refused.returncode != 0 and "empty" in refused.stderr

    store = open_store(spare)
    store.run_auto("backup/delete_everything")
    assert store.read_one("backup/count_all") == {"nodes": 0, "relationships": 0}
    store.close()
    t = time.perf_counter()
    restored = json.loads(cli(spare, "import", str(path)).stdout)
    import_s = time.perf_counter() - t
    assert restored["fingerprint"] == before
    assert json.loads(cli(spare, "fingerprint").stdout) == before
    record(artifacts, "backup", {"nodes": before["nodes"],
                                 "relationships": before["relationships"],
                                 "file_bytes": path.stat().st_size,
                                 "export_seconds": round(export_s, 1),
                                 "import_seconds": round(import_s, 1),
                                 "sha256_equal": True})


def _roster(store, years: range) -> bytes:
    """(agency, community) pairs of the town, one closed pairing per pair and year."""
    rows = store.driver.execute_query("""
        MATCH (c:Community), (g:Agency)-[:JURISDICTION]->(j:Area)
        WHERE c.code STARTS WITH $town AND j.code IN [left(c.code, 6), left(c.code, 4) + '00']
          AND g.kind <> 'platform_centre' AND EXISTS { (g)<-[:ORG_OF]-(:PartyOrg) }
        RETURN g.id AS agency_id, c.code AS community_code ORDER BY c.code, g.id""",
        {"town": TOWN}, database_=store.database).records
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["agency_id", "community_code", "since", "until"])
    n = 0
    for year in years:
        for r in rows:
            if n == 10_000:
                break
            w.writerow([r["agency_id"], r["community_code"], f"{year}-02-01", f"{year}-11-30"])
            n += 1
    assert n == 10_000, f"only {n} rows: widen the years"
    return out.getvalue().encode()


def _counts(store, start: int, end: int) -> tuple[int, int, int]:
    """Pairings begun in those years, distinct (agency, community, since) among them, and
    their audit records."""
    row = store.driver.execute_query("""
        MATCH (ao:PartyOrg)<-[:AGENCY_ORG]-(p:Pairing)-[:COMMUNITY_ORG]->(co:PartyOrg)
        WHERE p.since >= date($a) AND p.since <= date($b)
        WITH collect(p.id) AS ids, count(DISTINCT [ao.id, co.id, p.since]) AS distinct_pairs
        CALL (ids) {
          MATCH (a:Audit {entity: 'pairing'}) WHERE a.entity_id IN ids RETURN count(a) AS audits
        }
        RETURN size(ids) AS pairings, distinct_pairs, audits""",
        {"a": f"{start}-01-01", "b": f"{end}-12-31"}, database_=store.database).records[0]
    return row["pairings"], row["distinct_pairs"], row["audits"]


# Where each round kills the database: at a moment seen in the server, not after a delay, so
# every kill lands inside the import's one transaction (a delay can fall before the import has
# connected, or after it has committed).
KILL_POINTS = {
    "checking": {"rosters/list_known_parties", "rosters/list_stored_pairings"},
    "writing": {"rosters/create_pairings", "audit/create_audits"},  # not yet committed
}


def _import_transaction(monitor: Store) -> dict | None:
    """The open transaction of the import (the only client besides this monitor)."""
    rows = monitor.driver.execute_query(
        "SHOW TRANSACTIONS YIELD database, currentQuery, activeLockCount "
        "WHERE database = $db AND NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' "
        "RETURN currentQuery, activeLockCount", {"db": monitor.database},
        database_="system").records
    if not rows:
        return None
    # The statement running at that moment, by its catalogue name (none between statements).
    running = next((name for name, text in monitor.queries.items()
                    if text == rows[0]["currentQuery"]), None)
    return {"statement": running, "activeLockCount": rows[0]["activeLockCount"]}


def _kill_at(spare, monitor: Store, proc, statements: set[str]) -> dict:
    """Kill the server (SIGKILL) while the import's transaction runs one of ``statements``."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        tx = _import_transaction(monitor)
        if tx is not None and tx["statement"] in statements:
            spare.kill()  # no shutdown, no flush
            return tx
        time.sleep(0.01)
    _, err = proc.communicate(timeout=60)
    pytest.fail(f"the import ended (exit {proc.returncode}) before the kill point: {err}")


def test_a_database_killed_during_a_10000_row_import_loses_and_duplicates_nothing(
        spare, tmp_path, artifacts):
    results = []
    for round_, (point, statements) in enumerate(KILL_POINTS.items()):
        first, last = 1900 + round_ * 40, 1900 + round_ * 40 + 39
        monitor = open_store(spare)
        path = tmp_path / f"roster-{round_}.csv"
        path.write_bytes(_roster(monitor, range(first, last + 1)))
        env = dict(os.environ, NEO4J_URI=spare.uri, NEO4J_PASSWORD=spare.password())
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "orggraph.cli", "import", "pairings",
                                 str(path)], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        seen = _kill_at(spare, monitor, proc, statements)
        killed_s = time.perf_counter() - t0
        monitor.close()
        _, err = proc.communicate(timeout=300)
        spare.start()
        store = open_store(spare)
        # The roster is one transaction, killed before it committed: nothing of it is stored.
        after_kill = _counts(store, first, last)
        assert after_kill == (0, 0, 0), err
        assert proc.returncode != 0
        again = cli(spare, "import", "pairings", str(path))
        assert "10000 rows, 10000 created" in again.stdout
        after_rerun = _counts(store, first, last)
        assert after_rerun == (10_000, 10_000, 10_000)
        store.close()
        results.append({"killed_while": point, "killed_after_s": round(killed_s, 1),
                        "statement": seen["statement"], "locks_held": seen["activeLockCount"],
                        "import_exit": proc.returncode,
                        "committed_before_kill": after_kill[0], "after_rerun": after_rerun[0],
                        "seconds": round(time.perf_counter() - t0, 1)})
    record(artifacts, "killed_import", results)


class Answer(NamedTuple):
    began: float
    ended: float
    kind: str  # read or write
    status: int  # -1: the call itself failed
    extra: str | None  # Retry-After, or the client's error


def test_reads_and_writes_through_a_database_restart(spare, artifacts):
    from api import create_app

    settings = Settings.from_env(neo4j_uri=spare.uri, neo4j_password=spare.password())
    store = open_store(spare)
    token = create_token(store, role="admin", scope="350300", name="restart",
                         rate_limit=10**9)[0]
    unit = store.driver.execute_query(
        "MATCH (p:Person)-[l:LEADS {role: 'unit_leader'}]->(u:Unit) WHERE l.until IS NULL "
        "RETURN u.code AS u, p.id AS p LIMIT 1", database_=store.database).records[0]
    store.close()
    live = LiveServer(create_app(settings), {"admin": token})
    # A request that began before the kill may still commit and answer after it, so the
    # outage window is judged by when requests began.
    log: list[Answer] = []
    stop = threading.Event()

    def load(kind):
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        while not stop.is_set():
            began = time.monotonic()
            try:
                if kind == "read":
                    r = session.get(f"{live.url}/api/v1/areas/{TOWN}", timeout=10)
                else:
                    r = session.post(f"{live.url}/api/v1/events", timeout=10, json={
                        "unit_code": unit["u"], "category": "dispute", "summary": "重启测试",
                        "reported_by": unit["p"]})
                log.append(Answer(began, time.monotonic(), kind, r.status_code,
                                  r.headers.get("Retry-After")))
            except requests.RequestException as e:  # the API itself must never drop
                log.append(Answer(began, time.monotonic(), kind, -1, str(e)))
            time.sleep(0.05)

    # Two writers, so that in the outage one's event queues behind the other's group
    # (orggraph.grouping) and is answered all the same.
    threads = [threading.Thread(target=load, args=(k,))
               for k in ("read", "read", "write", "write")]
    try:
        for t in threads:
            t.start()
        time.sleep(3)
        down = time.monotonic()
        spare.kill()
        dead = time.monotonic()
        time.sleep(5)
        spare.start()
        up = time.monotonic()
        deadline = up + 60
        while time.monotonic() < deadline:
            recent = [e for e in log if e.ended > time.monotonic() - 1]
            if recent and all(e.status < 500 for e in recent if e.kind == "read") and \
                    any(e.kind == "read" and e.status == 200 for e in recent) and \
                    any(e.kind == "write" and e.status == 201 and e.began > up for e in log):
                break
            time.sleep(0.2)
        time.sleep(2)
    finally:
        stop.set()
        for t in threads:
            t.join()
        live.stop()
    codes = {(e.kind, e.status) for e in log}
    odd = [e for e in log if e.status not in (200, 201, 503)]
    assert not odd, (codes, odd, down, dead, up)  # nothing else, no dropped call
    outage = [e for e in log if dead < e.began and e.ended < up]
    assert outage and all(e.status == 503 and e.extra for e in outage if e.kind == "write")
    first_read = min(e.ended for e in log if e.ended > up and e.kind == "read" and e.status == 200)
    first_write = min(e.ended for e in log
                      if e.ended > up and e.kind == "write" and e.status == 201)
    record(artifacts, "restart_under_load", {
        "database_down_s": round(up - down, 1),
        "reads_recovered_after_start_s": round(first_read - up, 1),
        "writes_recovered_after_start_s": round(first_write - up, 1),
        "slowest_answer_s": {k: round(max(e.ended - e.began for e in log if e.kind == k), 2)
                             for k in ("read", "write")},
        "requests": len(log), "answers": sorted(f"{k} {c}" for k, c in codes)})
