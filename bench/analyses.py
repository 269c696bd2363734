"""Analyses at Putian scale (and Fujian with --fujian): escalation path p50 warm against the
Bolt round-trip floor, coverage gaps cold (first call, and after a change) and warm, the
critical people and the recommendations (first call and again), and the cached NetworkX gap
analysis against a pure Cypher equivalent, and the gaps screen's first load (its four
analyses asked at once, on one cold cache against one cold cache each), all in the same run.

    python -m bench.analyses [--fujian] [--samples 300]
"""

from __future__ import annotations

import random
import threading

import click

from orggraph import analysis, events
from orggraph.audit import network_changed
from orggraph.auth import Caller
from orggraph.projection import ProjectionCache
from seed.load import load_seed

from .common import machine, median, raw, report, start_bench, timed

# The unit-level gap counts in pure Cypher, one statement per kind: what the cached analysis
# replaces.
CYPHER_GAPS = [
    """MATCH (u:Unit) WHERE u.code STARTS WITH $p AND NOT EXISTS {
         (:Person)-[r:LEADS {role: 'unit_leader'}]->(u) WHERE r.until IS NULL }
       RETURN count(u) AS n""",
    """MATCH (u:Unit) WHERE u.code STARTS WITH $p AND NOT EXISTS {
         (:PartyOrg)-[:ORG_OF|COVERS]->(u) } RETURN count(u) AS n""",
    """MATCH (g:Grid) WHERE g.code STARTS WITH $p AND NOT EXISTS {
         (:Person)-[r:LEADS {role: 'grid_leader'}]->(g) WHERE r.until IS NULL }
       RETURN count(g) AS n""",
    """MATCH (g:Grid) WHERE g.code STARTS WITH $p AND NOT EXISTS {
         (:PartyOrg)-[:ORG_OF|COVERS]->(g) } RETURN count(g) AS n""",
    """MATCH (c:Community) WHERE c.code STARTS WITH $p AND NOT EXISTS {
         (c)<-[:ORG_OF]-(:PartyOrg)<-[:COMMUNITY_ORG]-(pr:Pairing) WHERE pr.until IS NULL }
       RETURN count(c) AS n""",
    """MATCH (p:Person)-[r:LEADS {role: 'unit_leader'}]->(u:Unit)
       WHERE u.code STARTS WITH $p AND r.until IS NULL
       WITH p, count(u) AS units, sum(u.residents) AS residents
       WHERE units > 2 OR residents > 250 RETURN count(p) AS n""",
]


@click.command()
@click.option("--fujian", is_flag=True, help="Load and measure the whole Fujian tree.")
@click.option("--samples", default=300, show_default=True)
@click.option("--reload", is_flag=True, help="Wipe the bench server and load the seed first.")
def main(fujian: bool, samples: int, reload: bool) -> None:
    inst, store = start_bench(wipe=reload)
    if reload:
        load_seed(store, fujian=fujian, progress=True, **({"events": None} if fujian else {}))
    scope = "350000" if fujian else "350300"
    prefix = "35" if fujian else "3503"
    caller = Caller.of("bench", "analyst", None if fujian else scope, name="bench")
    result = {"machine": machine(), "graph": "fujian" if fujian else "putian"}
    cache = ProjectionCache()
    try:
        cold, gaps = timed(lambda: analysis.gaps(store, caller, cache))
        warm = [timed(lambda: analysis.gaps(store, caller, cache))[0] for _ in range(20)]
        # Cold again with the server warm, as after any change to the network: the change
        # moves the version (network_changed, as every change but events' and tokens' does);
        # the next call drops the stale projection and builds anew, in the same cache as a
        # server would. Alternated with a call after an event collected (audited like any
        # change, but the projection reads no events), which finds the projection standing.
        collect = _collector(store, cache, caller, scope if not fujian else None)
        recold, after_event = [], []
        for _ in range(5):
            store.transact(network_changed)
            recold.append(timed(lambda: analysis.gaps(store, caller, cache))[0])
            collect()
            after_event.append(timed(lambda: analysis.gaps(store, caller, cache))[0])
        result["coverage_gaps"] = {"first_s": round(cold, 2),
                                   "cold_p50_s": round(median(recold), 2),
                                   "cold_s": [round(t, 2) for t in recold],
                                   "warm_p50_ms": round(median(warm) * 1000, 2),
                                   "after_an_event_p50_ms": round(median(after_event) * 1000, 2),
                                   "summary": gaps["summary"]}
        # The what-if and the recommendations on the warm projection: the first call computes
        # (its result is then kept with the projection), the next reads it back.
        for name, fn in (("critical_people", analysis.critical),
                         ("recommendations", analysis.recommendations)):
            first, _ = timed(fn, store, caller, cache)
            again, _ = timed(fn, store, caller, cache)
            result[name] = {"first_s": round(first, 2), "again_ms": round(again * 1000, 2)}
        result["first_screen"] = _first_screen(store, caller)
        G = cache.graph(store, caller.scope.prefix)
        units = [n for n, a in G.nodes(data=True) if a.get("tier") == "unit"]
        rng = random.Random(1)
        cats = ["housing", "land", "dispute", "production_safety", "epidemic"]
        path_t, floor_t = [], []
        for _ in range(samples):
            unit, cat = rng.choice(units), rng.choice(cats)
            t, _ = timed(lambda u=unit, c=cat: _path(store, caller, cache, u, c))
            path_t.append(t)
            t, _ = timed(raw, store, "RETURN 1")  # the Bolt round-trip floor
            floor_t.append(t)
        p, f = median(path_t), median(floor_t)
        result["escalation_path"] = {"samples": samples, "warm_p50_ms": round(p * 1000, 2),
                                     "bolt_floor_p50_ms": round(f * 1000, 2),
                                     "ratio": round(p / f, 2)}
        nx_t, cy_t = [], []
        for _ in range(5):
            nx_t.append(timed(lambda: analysis.gaps(store, caller, cache))[0])
            cy_t.append(timed(lambda: [store.driver.execute_query(
                q, {"p": prefix}, database_=store.database) for q in CYPHER_GAPS])[0])
        result["networkx_vs_cypher"] = {
            "networkx_warm_p50_ms": round(median(nx_t) * 1000, 2),
            "cypher_p50_ms": round(median(cy_t) * 1000, 2),
            "speedup": round(median(cy_t) / median(nx_t), 1),
            "cypher_kinds": len(CYPHER_GAPS)}
    finally:
        store.close()
    report("analyses-fujian" if fujian else "analyses", result)


def _collector(store, cache, caller, scope):
    """A function collecting one event in a unit of the graph, as a platform centre would."""
    G = cache.graph(store, caller.scope.prefix)
    unit = next(n for n, a in G.nodes(data=True) if a.get("tier") == "unit" and a["unit_leaders"])
    row = {"unit_code": unit, "category": "dispute", "summary": "bench: an event",
           "reported_by": G.nodes[unit]["unit_leaders"][0]["id"]}
    platform = Caller.of("bench", "platform", scope, name="bench")
    return lambda: events.create_events(store, platform, [row])


# What the gaps screen asks for at once when it opens.
SCREEN = (analysis.gaps, analysis.gap_map, analysis.understaffed, analysis.recommendations)


def _first_screen(store, caller, rounds: int = 3) -> dict:
    """The screen's four analyses in four threads on cold caches, to the last answer: all
    through one cache (a projection, and each result from it, made once while the others
    wait) against a cache each (each builds and computes its own, as every request did
    before requests began to wait on each other). Rounds alternate."""
    shared, apart = [], []
    for _ in range(rounds):
        for times, caches in ((shared, [ProjectionCache()] * len(SCREEN)),
                              (apart, [ProjectionCache() for _ in SCREEN])):
            t, _ = timed(_at_once, [(fn, (store, caller, c))
                                          for fn, c in zip(SCREEN, caches, strict=True)])
            times.append(t)
            for c in set(caches):
                c.clear()
    return {"rounds": rounds, "one_cache_p50_s": round(median(shared), 2),
            "cache_each_p50_s": round(median(apart), 2),
            "ratio": round(median(apart) / median(shared), 2)}


def _at_once(calls) -> None:
    threads = [threading.Thread(target=fn, args=args) for fn, args in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _path(store, caller, cache, unit, category):
    from orggraph.errors import NotFound

    try:
        return analysis.escalate(store, caller, cache, unit=unit, category=category)
    except NotFound:
        return None


if __name__ == "__main__":
    main()
