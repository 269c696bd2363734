"""Pages of the events list at Putian scale with its full history: the plan the API chooses
for each case against the other plan, raw through the driver, interleaved in the same run.

    python -m bench.lists [--samples 5]

A district or wider is read newest first from the collection-time index
(``events/list_events_wide``); a narrower area, or a status other than closed, is found by
unit code or status and sorted (``events/list_events``).
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from .common import bench_instance, machine, median, open_store, raw, report, timed
from .events import _full_history

CASES = [
    ("3503", {}), ("3503", {"skip": 5000}), ("3503", {"status": "closed"}),
    ("3503", {"needs_check": True}), ("3503", {"overdue": True}),
    ("3503", {"status": "dispatched"}), ("350302", {}), ("350302", {"category": "land"}),
    ("350302", {"status": "collected"}), ("350302003", {}), ("350302003", {"category": "land"}),
]


def _chosen(prefix: str, status: str | None) -> str:
    # The rule orggraph.events.list_events applies.
    return "wide" if len(prefix) <= 6 and status in (None, "closed") else "sort"


@click.command()
@click.option("--samples", default=5, show_default=True)
def main(samples: int) -> None:
    inst = bench_instance()
    inst.start(echo=lambda m: click.echo(m, err=True))
    store = open_store(inst)
    _full_history(store)
    statements = {"wide": store.queries["events/list_events_wide"],
                  "sort": store.queries["events/list_events"]}
    now = datetime.now(UTC)
    rows = []
    try:
        for prefix, filters in CASES:
            params = {"prefix": prefix, "status": None, "category": None, "overdue": None,
                      "needs_check": None, "now": now, "skip": 0, "limit": 50, **filters}
            times = {"wide": [], "sort": []}
            for _ in range(samples):  # interleaved, so both see the same machine
                for plan, text in statements.items():
                    times[plan].append(timed(raw, store, text, params)[0])
            chosen = _chosen(prefix, params["status"])
            other = "sort" if chosen == "wide" else "wide"
            c, o = median(times[chosen]), median(times[other])
            rows.append({"within": prefix, "filters": filters, "chosen": chosen,
                         "chosen_p50_ms": round(c * 1000, 1), "other_p50_ms": round(o * 1000, 1),
                         "speedup": round(o / c, 1)})
            click.echo(f"{prefix:<10} {str(filters):<28} {chosen} {c * 1000:8.1f} ms, "
                       f"{other} {o * 1000:8.1f} ms", err=True)
    finally:
        store.close()
    report("lists", {"machine": machine(), "samples": samples, "cases": rows})


if __name__ == "__main__":
    main()
