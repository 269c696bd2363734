"""The month's points ranking of unit leaders at Putian scale (May 2022, about 46,800 events):
the statement the API sends (``events/rank_points``: every step weighed where it is stored,
one number per leader sent, in one row of columns), ranked from its columns as the API ranks,
against the same columns made a row of dicts per leader and ranked (as before), and two
statements before it, raw through the driver, interleaved in the same run: the same weighing
with every step's event read and each step's key made (``EVERY_EVENT``), and every kind of
step each leader took sent, a row per leader, and weighed in Python (``FACTS``). Each is timed
with the ranking in Python that follows it.

    python -m bench.ranking [--samples 7] [--reload]

All must rank every leader alike, or the run stops.
"""

from __future__ import annotations

import click

from orggraph import points
from orggraph.stats import Ranked, leader_rows, leaders_with_points, ranked_leaders
from seed.load import load_seed

from .common import machine, median, raw, report, start_bench, timed

MONTH = "2022-05"
AREAS = [("3503", "莆田市"), ("350302", "城厢区"), ("350302003", "霞林街道")]

# The statement before: as events/rank_points, with every step's event read and a key made
# per step rather than per kind of step a leader took.
EVERY_EVENT = """
MATCH (s:Step)
  WHERE s.month = $month AND s.level = 'unit' AND s.unit_code STARTS WITH $prefix
MATCH (e:Event)-[:HAS_STEP]->(s)
WITH s.by_id AS pid,
     s.action + '|' + toString(coalesce(s.late, false)) + '|' +
       toString(s.action = 'resolve' AND coalesce(e.self_closed, false)
                AND NOT coalesce(e.verified, false)) AS kind,
     count(*) AS n
WITH pid, sum(coalesce($points[kind], 0) * n) AS points
MATCH (p:Person {id: pid})-[l:LEADS {role: 'unit_leader'}]->(u:Unit)
  WHERE l.until IS NULL AND u.code STARTS WITH $prefix
WITH p, points, u
  ORDER BY u.code
WITH p, points, collect(u)[0] AS u
RETURN collect(p.id) AS ids, collect(p.name) AS names, collect(u.code) AS unit_codes,
       collect(u.name) AS unit_names, collect(points) AS points"""

# The one before that: the kinds of step each leader took in the month, counted.
FACTS = """
MATCH (s:Step)
  WHERE s.month = $month AND s.level = 'unit' AND s.unit_code STARTS WITH $prefix
MATCH (e:Event)-[:HAS_STEP]->(s)
WITH s.by_id AS pid, s.action AS action, s.late AS late,
     s.action = 'resolve' AND e.self_closed AS self_closed, e.verified AS verified, count(*) AS n
WITH pid, collect({action: action, late: late, self_closed: self_closed, verified: verified,
                   n: n}) AS facts
MATCH (p:Person {id: pid})-[l:LEADS {role: 'unit_leader'}]->(u:Unit)
  WHERE l.until IS NULL AND u.code STARTS WITH $prefix
WITH p, facts, u
  ORDER BY u.code
WITH p, facts, collect(u)[0] AS u
RETURN p {.id, .name} AS person, u {.code, .name} AS unit, facts"""


def weighed_here(store, prefix: str) -> list:
    """As the API ranks: straight from the statement's columns, into flat tuples (the API
    makes the dicts of one page only)."""
    return ranked_leaders(store, prefix, MONTH)[0]


def ranked_from_rows(store, prefix: str) -> list[dict]:
    """The same statement, its columns made a row of dicts per leader, then ranked."""
    return points.ranking(leaders_with_points(store, prefix, MONTH))


def every_event_read(store, prefix: str) -> list[dict]:
    c = raw(store, EVERY_EVENT, {"prefix": prefix, "month": MONTH,
                                 "points": points.points_by_kind()})[0]
    return points.ranking(leader_rows(c))


def weighed_in_python(store, prefix: str) -> list[dict]:
    rows = raw(store, FACTS, {"prefix": prefix, "month": MONTH})
    return points.ranking([{"person": r["person"], "unit": r["unit"],
                            "points": points.points_of(r["facts"])} for r in rows])


def store_with_may(reload: bool):
    """The bench server's store, holding Putian with the events of ``MONTH`` (loaded first
    with ``reload``)."""
    _, store = start_bench(wipe=reload)
    if reload:
        load_seed(store)
    require_may(store)
    return store


def require_may(store) -> None:
    meta = (store.read_one("admin/get_meta", key="seed") or {}).get("meta", {})
    first, _, last = meta.get("events", "none").partition("..")
    if meta.get("fujian") or first == "none" or not first <= MONTH <= (last or first):
        raise click.ClickException(f"the bench server must hold Putian with the events of "
                                   f"{MONTH}; run with --reload")


@click.command()
@click.option("--samples", default=7, show_default=True)
@click.option("--reload", is_flag=True, help="Wipe the bench server and load Putian first.")
def main(samples: int, reload: bool) -> None:
    store = store_with_may(reload)
    try:
        rows = []
        for prefix, name in AREAS:
            ways = {"rank_points": weighed_here, "ranked_from_rows": ranked_from_rows,
                    "every_event_read": every_event_read,
                    "facts_in_python": weighed_in_python}
            times = {k: [] for k in ways}
            for i in range(samples + 1):  # the first round warms the caches and is not kept
                ranked = {}
                for k, way in ways.items():
                    t, ranked[k] = timed(way, store, prefix)
                    ranked[k] = [r.shown() if isinstance(r, Ranked) else r for r in ranked[k]]
                    if i:
                        times[k].append(t * 1000)
                new = ranked["rank_points"]
                if any(r != new for r in ranked.values()):
                    raise click.ClickException(f"the statements rank {name} differently")
            p50 = {k: round(median(v), 1) for k, v in times.items()}
            ratio = {k: round(p50[k] / p50["rank_points"], 2) for k in ways if k != "rank_points"}
            rows.append({"within": prefix, "name": name, "leaders": len(new), "p50_ms": p50,
                         "ratio": ratio})
            click.echo(f"{name} {len(new):>6} leaders {p50} ratio {ratio}", err=True)
    finally:
        store.close()
    report("ranking", {"machine": machine(), "month": MONTH, "samples": samples, "areas": rows})


if __name__ == "__main__":
    main()
