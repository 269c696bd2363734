"""The month's points ranking of unit leaders at Putian scale (May 2022, about 46,800 events):
the statement the API sends (``events/rank_points``: every step weighed where it is stored,
one number per leader sent, in one row of columns), as the API reads it, against the one
before it (every kind of step each leader took sent, a row per leader, and weighed in Python)
raw through the driver, interleaved in the same run; each timed with the ranking in Python
that follows it, as the API ranks.

    python -m bench.ranking [--samples 7] [--reload]

Both must rank every leader alike, or the run stops.
"""

from __future__ import annotations

import click

from orggraph import points
from orggraph.stats import leaders_with_points
from seed.load import load_seed

from .common import machine, median, raw, report, start_bench, timed

MONTH = "2022-05"
AREAS = [("3503", "莆田市"), ("350302", "城厢区"), ("350302003", "霞林街道")]

# The statement before: the kinds of step each leader took in the month, counted.
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


def weighed_here(store, prefix: str) -> list[dict]:
    return points.ranking(leaders_with_points(store, prefix, MONTH))


def weighed_in_python(store, prefix: str) -> list[dict]:
    rows = raw(store, FACTS, {"prefix": prefix, "month": MONTH})
    return points.ranking([{"person": r["person"], "unit": r["unit"],
                            "points": points.points_of(r["facts"])} for r in rows])


def _has_may(store) -> None:
    meta = (store.read_one("admin/get_meta", key="seed") or {}).get("meta", {})
    first, _, last = meta.get("events", "none").partition("..")
    if meta.get("fujian") or first == "none" or not first <= MONTH <= (last or first):
        raise click.ClickException(f"the bench server must hold Putian with the events of "
                                   f"{MONTH}; run with --reload")


@click.command()
@click.option("--samples", default=7, show_default=True)
@click.option("--reload", is_flag=True, help="Wipe the bench server and load Putian first.")
def main(samples: int, reload: bool) -> None:
    inst, store = start_bench(wipe=reload)
    try:
        if reload:
            load_seed(store)
        _has_may(store)
        rows = []
        for prefix, name in AREAS:
            times = {"rank_points": [], "facts_in_python": []}
            for i in range(samples + 1):  # the first round warms the caches and is not kept
                t_new, new = timed(weighed_here, store, prefix)
                t_old, old = timed(weighed_in_python, store, prefix)
                if new != old:
                    raise click.ClickException(f"the two statements rank {name} differently")
                if i:
                    times["rank_points"].append(t_new * 1000)
                    times["facts_in_python"].append(t_old * 1000)
            p50 = {k: round(median(v), 1) for k, v in times.items()}
            rows.append({"within": prefix, "name": name, "leaders": len(new), "p50_ms": p50,
                         "ratio": round(p50["facts_in_python"] / p50["rank_points"], 2)})
            click.echo(f"{name} {len(new):>6} leaders {p50} ratio {rows[-1]['ratio']}", err=True)
    finally:
        store.close()
    report("ranking", {"machine": machine(), "month": MONTH, "samples": samples, "areas": rows})


if __name__ == "__main__":
    main()
