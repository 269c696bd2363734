"""Pages of the events list at Putian scale with its full history: the plan the API chooses
for each case against the others, raw through the driver, interleaved in the same run; and
pages of the audit log, read newest first from its time index against a sort of every
record in scope (the statement before the index walk).

    python -m bench.lists [--samples 5]

An open status is found through the status index and sorted
(``events/list_events_of_status``); otherwise a district or wider is read newest first from
the collection-time index (``events/list_events_wide``), and a narrower area is found by unit
code and sorted (``events/list_events``).
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from orggraph.events import list_plans

from .common import bench_instance, machine, median, open_store, raw, report, timed
from .events import _full_history

CASES = [
    ("3503", {}), ("3503", {"skip": 5000}), ("3503", {"status": "closed"}),
    ("3503", {"needs_check": True}), ("3503", {"overdue": True}),
    ("3503", {"status": "assessed"}), ("3503", {"status": "dispatched"}),
    ("350302", {}), ("350302", {"category": "land"}), ("350302", {"status": "preprocessed"}),
    ("350302003", {}), ("350302003", {"category": "land"}),
    ("350302003", {"status": "assessed"}),
]


# The audit list as it was: every record in scope found, shown and sorted, for each page.
AUDIT_SORTED = """
MATCH (a:Audit)
WHERE (a.area_code IS NULL AND $scope = '' OR a.area_code STARTS WITH $scope)
  AND ($entity IS NULL OR a.entity = $entity)
  AND ($entity_id IS NULL OR a.entity_id = $entity_id)
RETURN a {.id, .token_id, .person_id, .actor, .action, .entity, .entity_id, .area_code,
          .before, .after, at: toString(a.at)} AS record
ORDER BY a.at DESC, a.id DESC
SKIP $skip LIMIT $limit"""
AUDIT_CASES = [("3503", None), ("350302", None), ("350302003", None), ("", None),
               ("3503", "token"), ("3503", "pairing")]


def _audit(store, samples: int) -> list[dict]:
    rows = []
    for scope, entity in AUDIT_CASES:
        params = {"scope": scope, "entity": entity, "entity_id": None, "skip": 0, "limit": 50}
        walk, sort = [], []
        for _ in range(samples):
            t, page = timed(raw, store, store.queries["audit/list_audit"], params)
            walk.append(t)
            t, baseline = timed(raw, store, AUDIT_SORTED, params)
            sort.append(t)
            assert page == baseline, (scope, entity)
        rows.append({"scope": scope, "entity": entity, "records_on_page": len(page),
                     "index_walk_p50_ms": round(median(walk) * 1000, 1),
                     "sorted_p50_ms": round(median(sort) * 1000, 1)})
        click.echo(f"audit {scope or '(all)':<10} {entity or '':<8} {len(page):>3} "
                   f"walk {rows[-1]['index_walk_p50_ms']} ms, sort "
                   f"{rows[-1]['sorted_p50_ms']} ms", err=True)
    return rows


@click.command()
@click.option("--samples", default=5, show_default=True)
def main(samples: int) -> None:
    inst = bench_instance()
    inst.start(echo=lambda m: click.echo(m, err=True))
    store = open_store(inst)
    _full_history(store)
    plans = ["events/list_events_of_status", "events/list_events_wide", "events/list_events"]
    now = datetime.now(UTC)
    rows = []
    try:
        for prefix, filters in CASES:
            params = {"prefix": prefix, "status": None, "category": None, "overdue": None,
                      "needs_check": None, "now": now, "skip": 0, "limit": 50, **filters}
            # The status plan needs a status; the other two serve any filter.
            usable = [p for p in plans if params["status"] or "of_status" not in p]
            times: dict[str, list[float]] = {p: [] for p in usable}
            found = {}
            for _ in range(samples):  # interleaved, so every plan sees the same machine
                for plan in usable:
                    t, page = timed(raw, store, store.queries[plan], params)
                    times[plan].append(t)
                    found[plan] = len(page)
            p50 = {p.split("/")[1]: round(median(t) * 1000, 1) for p, t in times.items()}
            chosen = list_plans(prefix, params["status"])[1]
            rows.append({"within": prefix, "filters": filters, "chosen": chosen.split("/")[1],
                         "events_on_page": found[chosen], "p50_ms": p50})
            click.echo(f"{prefix:<10} {str(filters):<28} {chosen:<30} {found[chosen]:>3} {p50}",
                       err=True)
        audit = _audit(store, samples)
    finally:
        store.close()
    report("lists", {"machine": machine(), "samples": samples, "cases": rows, "audit": audit})


if __name__ == "__main__":
    main()
