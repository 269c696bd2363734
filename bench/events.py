"""Events at Putian scale: creation one by one over HTTP and in batches, and statistics over a
year of events, each against a baseline measured in the same run.

    python -m bench.events [--reload] [--seconds 20] [--batches 20]

Batches are posted by one client, then by two at once, and set against the barest write of
the same size (two nodes and a relationship per row, no index), run on the same server right
after: the ceiling no event write can pass. ``--only batches`` runs that part alone.

``--reload`` wipes the bench server and loads Putian with the full event history (May 2022 to
March 2023, about 514,400 events). Events the benchmark creates are removed at the end.
"""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import click
import requests

from orggraph.tokens import create_token
from seed.history import FULL_HISTORY
from seed.load import load_seed

from .common import (
    PORT,
    machine,
    median,
    raw,
    report,
    start_bench,
    timed,
    wrk,
)
from .lookups import _serve

YEAR = {"within": "350300", "from": "2022-05-01", "to": "2023-04-30"}


def _full_history(store) -> None:
    meta = store.read_one("admin/get_meta", key="seed")
    if meta is None or meta["meta"].get("fujian") or \
            meta["meta"].get("events") != "..".join(FULL_HISTORY):
        raise click.ClickException("the bench server must hold Putian with its full event "
                                   "history; run with --reload")


def reporters(store) -> list[tuple[str, str]]:
    """(unit code, its leader's id) for every led unit, in a fixed shuffled order."""
    records, _, _ = store.driver.execute_query(
        "MATCH (p:Person)-[l:LEADS {role: 'unit_leader'}]->(u:Unit) WHERE l.until IS NULL "
        "RETURN u.code AS u, p.id AS p", database_=store.database)
    pairs = [(r["u"], r["p"]) for r in records]
    random.Random(1).shuffle(pairs)
    return pairs


def remove_created(store, since: datetime) -> None:
    """Remove the events a benchmark created (collected since ``since``), steps included, and
    the audit records written since: each run leaves the bench server's data as it found it
    (the audit log the list benchmarks read would otherwise grow with every run)."""
    with store.driver.session(database=store.database) as s:
        s.run("MATCH (e:Event) WHERE e.collected_at >= $t "
              "CALL (e) { OPTIONAL MATCH (e)-[:HAS_STEP]->(s) DETACH DELETE e, s } "
              "IN TRANSACTIONS OF 5000 ROWS", t=since).consume()
        s.run("MATCH (a:Audit) WHERE a.at >= $t CALL (a) { DELETE a } "
              "IN TRANSACTIONS OF 10000 ROWS", t=since).consume()


def create_script(pairs) -> list[str]:
    """wrk's Lua for ``POST /events``, cycling through the (unit, reporter) pairs."""
    units = ",".join(f'"{u}"' for u, _ in pairs)
    people = ",".join(f'"{p}"' for _, p in pairs)
    return [
        f"local units = {{{units}}}", f"local people = {{{people}}}", "local i = 0",
        "request = function()",
        "  i = i % #units + 1",
        '  local body = \'{"unit_code": "\' .. units[i] .. \'", "category": "dispute", '
        '"summary": "bench", "reported_by": "\' .. people[i] .. \'"}\'',
        '  return wrk.format("POST", "/api/v1/events", nil, body)',
        "end"]


def _one_by_one(token, pairs, seconds, connections) -> dict:
    script = create_script(pairs)
    # Warm up first (a freshly started server compiles the statements and reads the index
    # pages the writes touch), then measure the steady state.
    wrk(token, script, 10, connections, json_body=True)
    create = wrk(token, script, seconds, connections, json_body=True)
    # The baseline: the same server answering its cheapest authenticated read (one round trip
    # to Neo4j), so the ratio says what a write costs over the HTTP and auth overhead.
    floor = wrk(token, ['request = function() return wrk.format("GET", "/api/v1/me") end'],
                 seconds, connections)
    return {"create": create, "baseline_get_me": floor,
            "ratio_to_baseline": round(create["per_second"] / floor["per_second"], 3)}


def _batches(token, pairs, batches, size, clients) -> dict:
    """``batches`` batches of ``size`` events posted by ``clients`` clients at once, as a
    system loading a backlog would (each its own connection; a batch locks its units in code
    order, so concurrent batches wait for each other rather than deadlock)."""
    def post(seed: int) -> float:
        rng = random.Random(seed)
        body = {"events": [{"unit_code": u, "category": "dispute", "summary": "bench batch",
                            "reported_by": p} for u, p in rng.sample(pairs, size)]}
        with requests.Session() as session:
            t = time.perf_counter()
            r = session.post(f"http://127.0.0.1:{PORT}/api/v1/event-batches", json=body,
                             headers={"Authorization": f"Bearer {token}"}, timeout=300)
            took = time.perf_counter() - t
        assert r.status_code == 201, r.text[:500]
        return took

    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = list(pool.map(post, range(batches)))
    wall = time.perf_counter() - t
    return {"batches": batches, "batch_size": size, "clients": clients,
            "p50_s": round(median(times), 3), "per_second": round(batches * size / wall)}


def _bare_ceiling(store, batches: int, size: int) -> dict:
    """What this Neo4j does with the barest form of the same write, in the same run: per row
    two nodes of five short properties joined by a relationship, under a label with no index
    and no constraint, ``size`` rows to a transaction. No event write can be faster than this."""
    rows = [{"id": f"bare-{i}", "unit": "350302003001001001", "category": "dispute",
             "summary": "bench batch", "at": "2030-01-01T09:00:00+08:00"} for i in range(size)]
    statement = ("UNWIND $rows AS r CREATE (:BenchBare {id: r.id, unit: r.unit, "
                 "category: r.category, summary: r.summary, at: datetime(r.at)})"
                 "-[:BENCH_BARE]->(:BenchBare {id: r.id, unit: r.unit, category: r.category, "
                 "summary: r.summary, at: datetime(r.at)})")
    times = []
    try:
        for _ in range(batches):
            t = time.perf_counter()
            store.driver.execute_query(statement, {"rows": rows}, database_=store.database)
            times.append(time.perf_counter() - t)
    finally:
        with store.driver.session(database=store.database) as s:
            s.run("MATCH (n:BenchBare) CALL (n) { DETACH DELETE n } "
                  "IN TRANSACTIONS OF 10000 ROWS").consume()
    return {"batches": batches, "batch_size": size, "p50_s": round(median(times), 3),
            "per_second": round(batches * size / sum(times))}


def _stats(store, token, samples) -> dict:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    # The statement the API sends for a city, with the parameters it sends (orggraph.stats);
    # and the one it sends for smaller areas, starting from unit codes, for comparison.
    q = store.queries["events/stats_events_wide"]
    q_narrow = store.queries["events/stats_events"]
    params = {"prefix": "3503", "from": YEAR["from"], "to_end": YEAR["to"] + "~"}
    api_t, raw_t, narrow_t, floor_t = [], [], [], []
    for _ in range(samples):
        t = time.perf_counter()
        r = session.get(f"http://127.0.0.1:{PORT}/api/v1/stats/events", params=YEAR,
                        timeout=120)
        api_t.append(time.perf_counter() - t)
        assert r.ok, r.text
        raw_t.append(timed(raw, store, q, params)[0])
        narrow_t.append(timed(raw, store, q_narrow, params)[0])
        floor_t.append(timed(raw, store, "RETURN 1")[0])
    body = r.json()
    return {"samples": samples, "events": body["collected"], "api_p50_s": round(median(api_t), 3),
            "raw_cypher_p50_s": round(median(raw_t), 3),
            "raw_by_unit_code_p50_s": round(median(narrow_t), 3),
            "bolt_floor_p50_ms": round(median(floor_t) * 1000, 2),
            "ratio_api_to_raw": round(median(api_t) / median(raw_t), 2),
            "closure_rate": body["closure_rate"], "grassroots_share": body["grassroots_share"]}


@click.command()
@click.option("--reload", is_flag=True, help="Wipe the bench server and load Putian with the "
                                             "full event history first.")
@click.option("--seconds", default=20, show_default=True)
@click.option("--connections", default=32, show_default=True)
@click.option("--workers", default=2, show_default=True)
@click.option("--batches", default=20, show_default=True)
@click.option("--batch-size", default=5000, show_default=True)
@click.option("--samples", default=9, show_default=True)
@click.option("--only", type=click.Choice(["statistics", "one-by-one", "batches"]),
              help="Run one part only.")
def main(reload, seconds, connections, workers, batches, batch_size, samples, only) -> None:
    inst, store = start_bench(wipe=reload)
    if reload:
        t = time.perf_counter()
        loaded = load_seed(store, events=FULL_HISTORY, progress=True)
        click.echo(f"loaded in {time.perf_counter() - t:.0f} s: "
                   f"{loaded.seconds_by_kind}", err=True)
    _full_history(store)
    token, _ = create_token(store, role="admin", scope="350300", rate_limit=10**9,
                            name="bench events")
    pairs = reporters(store)
    started = datetime.now(UTC)
    server = _serve(inst, workers)
    try:
        result = {"machine": machine(), "gunicorn_workers": workers}
        if only in (None, "statistics"):
            result["statistics_year"] = _stats(store, token, samples)
        if only in (None, "one-by-one"):
            result["one_by_one"] = _one_by_one(token, pairs[:2000], seconds, connections)
        if only in (None, "batches"):
            # one client, then two (the server's two workers busy at once), then the bare
            # write of the same size, each set against it
            result["batches"] = _batches(token, pairs, batches, batch_size, 1)
            result["batches_two_clients"] = _batches(token, pairs, batches, batch_size, 2)
            bare = _bare_ceiling(store, max(3, batches // 2), batch_size)
            result["bare_write_ceiling"] = bare
            result["ratio_to_bare_ceiling"] = {
                k: round(result[k]["per_second"] / bare["per_second"], 2)
                for k in ("batches", "batches_two_clients")}
    finally:
        server.terminate()
        server.wait()
        # Leave the history as it was: remove what the benchmark created.
        remove_created(store, started)
        store.close()
    report("events", result)


if __name__ == "__main__":
    main()
