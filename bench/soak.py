"""A steady mixed load under gunicorn: partnership lookups, areas and analyses at once, for five
minutes by default, in rounds; p50/p95/p99 and requests per second per endpoint, errors, and
the API's memory (RSS of the gunicorn master and workers) after each round.

    python -m bench.soak [--seconds 300] [--rounds 3]

Uses the bench server as it is (any Putian seed; ``python -m bench.lookups --reload`` loads one).
"""

from __future__ import annotations

import json
import random
from urllib.parse import quote

import click

from orggraph.tokens import create_token

from .common import children, machine, report, rss_kib, start_bench, wrk, wrk_result
from .lookups import _serve


def _script(paths: list[str]) -> list[str]:
    return ["local paths = {" + ",".join(json.dumps(p, ensure_ascii=False) for p in paths) + "}",
            "local i = 0",
            "request = function()",
            "  i = i % #paths + 1",
            '  return wrk.format("GET", paths[i])',
            "end"]


def _rss_kib(pid: int) -> int:
    """RSS of a process and its children (gunicorn master and workers), in KiB."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            total += rss_kib(p)
        except OSError:
            continue
    return total


@click.command()
@click.option("--seconds", default=300, show_default=True, help="Total load time.")
@click.option("--rounds", default=3, show_default=True, help="Memory is read after each.")
@click.option("--workers", default=2, show_default=True)
def main(seconds, rounds, workers) -> None:
    inst, store = start_bench()
    token, _ = create_token(store, role="analyst", scope="350300", rate_limit=10**9,
                            name="bench soak")
    rng = random.Random(5)
    rec = store.driver.execute_query(
        "MATCH (c:Community) RETURN collect(c.code) AS c", database_=store.database).records
    communities = rec[0]["c"]
    rec = store.driver.execute_query(
        "MATCH (u:Unit) WITH u ORDER BY u.code RETURN collect(u.code)[0..5000] AS u",
        database_=store.database).records
    units = rec[0]["u"]
    store.close()
    endpoints = {
        "pairings_by_community": [f"/api/v1/pairings?community={c}"
                                  for c in rng.sample(communities, 500)],
        "area_detail": [f"/api/v1/areas/{c}" for c in rng.sample(communities, 500)],
        "area_search": [f"/api/v1/areas?q={quote(q)}"
                        for q in ("社区", "村", "东星", "霞林", "镇", "街道")],
        "coverage_gaps": [f"/api/v1/analyses/coverage-gaps?within={d}&page_size=50"
                          for d in ("350302", "350303", "350304", "350305", "350322")],
        "escalation_path": [f"/api/v1/escalation-path?unit={u}&category={c}"
                            for u in rng.sample(units, 200)
                            for c in ("dispute", "housing")],
    }
    server = _serve(inst, workers)
    per_round = max(10, seconds // rounds)
    result = {"machine": machine(), "gunicorn_workers": workers, "seconds": per_round * rounds,
              "rounds": []}
    try:
        for paths in endpoints.values():  # warm up (the analyses build their projection once)
            wrk(token, _script(paths), 3, 1, threads=1, timeout="60s")
        result["rss_kib_before"] = _rss_kib(server.pid)
        for _ in range(rounds):
            running = {name: wrk(token, _script(paths), per_round, 2, threads=1,
                                 timeout="30s", background=True)
                       for name, paths in endpoints.items()}
            stats = {name: wrk_result(proc) for name, proc in running.items()}
            result["rounds"].append({"endpoints": stats, "rss_kib": _rss_kib(server.pid)})
    finally:
        server.terminate()
        server.wait()
    rss = [r["rss_kib"] for r in result["rounds"]]
    result["rss_growth_last_round_pct"] = round(100 * (rss[-1] - rss[-2]) / rss[-2], 1) \
        if len(rss) > 1 else None
    result["errors"] = sum(s["errors"] + s["non2xx"] for r in result["rounds"]
                           for s in r["endpoints"].values())
    report("soak", result)


if __name__ == "__main__":
    main()
