"""Pages of the events list at Putian scale with its full history: the plan the API chooses
for each case against the others, raw through the driver, interleaved in the same run; and
pages of the audit log, read newest first from its time index against a sort of every
record in scope (the statement before the index walk); and one object's audit history through
the entity_id index against the same sort and its count.

    python -m bench.lists [--samples 5]

Open events (an open status, or overdue ones) are found through the status index and sorted
(``events/list_events_of_status``, counted by ``events/count_events_of_status``, which is
timed against the general count, as is a category's, counted from the (category, unit code)
index); otherwise a district or wider is read newest first from
the collection-time index (``events/list_events_wide``), and a narrower area is found by unit
code and sorted (``events/list_events``).
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from orggraph.audit import count_plan as audit_count_plan
from orggraph.audit import list_plan as audit_list_plan
from orggraph.events import count_and_plan, count_plan, open_statuses

from .common import machine, median, raw, report, start_bench, timed
from .events import _full_history

CASES = [
    ("3503", {}), ("3503", {"skip": 5000}), ("3503", {"status": "closed"}),
    ("3503", {"needs_check": True}), ("3503", {"overdue": True}),
    ("3503", {"status": "assessed"}), ("3503", {"status": "dispatched"}),
    ("350302", {}), ("350302", {"category": "land"}), ("350302", {"status": "preprocessed"}),
    ("350302003", {}), ("350302003", {"category": "land"}),
    ("350302003", {"status": "assessed"}), ("350302003", {"skip": 5000}),
    ("3503", {"category": "dispute"}),
    ("350302003003", {}),
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
AUDIT_COUNTED = """
MATCH (a:Audit)
WHERE (a.area_code IS NULL AND $scope = '' OR a.area_code STARTS WITH $scope)
  AND ($entity IS NULL OR a.entity = $entity)
  AND ($entity_id IS NULL OR a.entity_id = $entity_id)
RETURN count(a) AS n"""
AUDIT_CASES = [("3503", None), ("350302", None), ("350302003", None), ("", None),
               ("3503", "token"), ("3503", "pairing")]


def _interleaved(samples: int, **runs) -> tuple[dict, dict]:
    """Each of ``runs`` (name -> function) called in turn ``samples`` times: the p50 of each
    in ms, and what each returned last."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    last = {}
    for _ in range(samples):
        for name, fn in runs.items():
            t, last[name] = timed(fn)
            times[name].append(t)
    return {name: round(median(t) * 1000, 1) for name, t in times.items()}, last


def _chosen(store, params: dict, page_size: int) -> str:
    """The plan the API picks for this list, from the same count it makes first."""
    return count_and_plan(store, params, reach=params["skip"] + page_size)[1].split("/")[1]


def _sent(store, statement: str, params: dict):
    """``statement`` sent raw with ``params``, as a function of nothing to time."""
    query = store.queries[statement]
    return lambda: raw(store, query, params)


def _counts(store, samples: int) -> list[dict]:
    """An unfiltered list's count: the area alone against the general statement."""
    rows = []
    for prefix in ("3503", "350302", "350302003"):
        params = {"prefix": prefix, "status": None, "category": None, "overdue": None,
                  "needs_check": None, "now": None}
        p50, got = _interleaved(
            samples,
            area=_sent(store, "events/count_events_in_area", params),
            general=_sent(store, "events/count_events", params))
        assert got["area"][0]["n"] == got["general"][0]["n"], prefix
        rows.append({"within": prefix, "events": got["area"][0]["n"],
                     "area_only_p50_ms": p50["area"], "general_p50_ms": p50["general"]})
        click.echo(f"count {prefix:<10} {got['area'][0]['n']:>7} {p50}", err=True)
    return rows


def _audit_counts(store, samples: int) -> list[dict]:
    """The audit list's count: an index or the label's count against the general statement,
    which reads the log."""
    rows = []
    for scope, entity in (("", None), ("3503", None), ("350302", None), ("350302003", None),
                          ("3503", "token"), ("3503", "event"), ("350302", "event")):
        params = {"scope": scope, "entity": entity}
        p50, got = _interleaved(
            samples, plan=_sent(store, audit_count_plan(scope, entity), params),
            general=_sent(store, "audit/count_audit", params))
        assert got["plan"][0]["n"] == got["general"][0]["n"], scope
        rows.append({"scope": scope, "entity": entity, "records": got["plan"][0]["n"],
                     "chosen": audit_count_plan(scope, entity).split("/")[1],
                     "chosen_p50_ms": p50["plan"], "general_p50_ms": p50["general"]})
        click.echo(f"audit count {scope or '(all)':<10} {entity or '':<6} "
                   f"{got['plan'][0]['n']:>7} {p50}", err=True)
    return rows


def _audit(store, samples: int) -> list[dict]:
    rows = []
    for scope, entity in AUDIT_CASES:
        params = {"scope": scope, "entity": entity, "entity_id": None, "skip": 0, "limit": 50}
        runs = {"walk": _sent(store, "audit/list_audit", params),
                "sort": lambda p=params: raw(store, AUDIT_SORTED, p)}
        if entity and scope:  # one kind's records found through the (entity, area) index
            runs["kind"] = _sent(store, "audit/list_audit_of_kind", params)
        p50, got = _interleaved(samples, **runs)
        assert all(got[name] == got["walk"] for name in runs), (scope, entity)
        counted = raw(store, store.queries[audit_count_plan(scope, entity)], params)[0]
        chosen = audit_list_plan(reach=50, matching=counted["n"],
                                 stored=counted.get("stored")).split("/")[1]
        rows.append({"scope": scope, "entity": entity, "records_on_page": len(got["walk"]),
                     "chosen": chosen, "index_walk_p50_ms": p50["walk"],
                     "sorted_p50_ms": p50["sort"], "of_kind_p50_ms": p50.get("kind")})
        click.echo(f"audit {scope or '(all)':<10} {entity or '':<8} {len(got['walk']):>3} "
                   f"{chosen:<18} {p50}", err=True)
    return rows


def _audit_of_entity(store, samples: int) -> list[dict]:
    """An object's history (GET /audit?entity_id=): the one statement the API sends against
    the count and the sorted page it sent before, for the non-event object with the most
    records, the latest event, and an id with none."""
    busiest = raw(store, "MATCH (a:Audit) WHERE a.entity_id IS NOT NULL AND a.entity <> "
                  "'event' WITH a.entity_id AS id, count(*) AS n RETURN id ORDER BY n DESC "
                  "LIMIT 1")[0]["id"]
    event = raw(store, "MATCH (a:Audit {entity: 'event'}) RETURN a.entity_id AS id "
                "ORDER BY a.at DESC LIMIT 1")
    rows = []
    for eid in [busiest, *(r["id"] for r in event), "no-such-object"]:
        params = {"scope": "3503", "entity": None, "entity_id": eid, "skip": 0, "limit": 50}
        p50, got = _interleaved(
            samples,
            by_id=_sent(store, "audit/list_audit_of_entity", params),
            count_and_sort=lambda p=params: (raw(store, AUDIT_COUNTED, p),
                                             raw(store, AUDIT_SORTED, p)))
        count, page = got["count_and_sort"]
        total, records = got["by_id"][0]["total"], got["by_id"][0]["records"]
        assert (total, records) == (count[0]["n"], [r["record"] for r in page]), eid
        rows.append({"entity_id": eid, "records": total,
                     "by_entity_id_p50_ms": p50["by_id"],
                     "count_and_sort_p50_ms": p50["count_and_sort"]})
        click.echo(f"audit of {eid:<34} {total:>4} {p50}", err=True)
    return rows


@click.command()
@click.option("--samples", default=5, show_default=True)
def main(samples: int) -> None:
    inst, store = start_bench()
    _full_history(store)
    plans = ["events/list_events_of_status", "events/list_events_wide", "events/list_events"]
    now = datetime.now(UTC)
    rows = []
    try:
        for prefix, filters in CASES:
            params = {"prefix": prefix, "status": None, "category": None, "overdue": None,
                      "needs_check": None, "now": now, "skip": 0, "limit": 50, **filters}
            params["statuses"] = open_statuses(params["status"], params["overdue"])
            # The status plan needs open statuses; the other two serve any filter.
            usable = [p for p in plans if params["statuses"] or "of_status" not in p]
            # and a count through its own index, against the general count
            counting = count_plan(params["statuses"], filtered=True,
                                  category=params["category"])
            if counting != "events/count_events":
                usable += [counting, "events/count_events"]
            runs = {plan.split("/")[1]: _sent(store, plan, params) for plan in usable}
            # Interleaved, so every plan sees the same machine.
            p50, got = _interleaved(samples, **runs)
            chosen = _chosen(store, params, page_size=50)
            rows.append({"within": prefix, "filters": filters, "chosen": chosen,
                         "events_on_page": len(got[chosen]), "p50_ms": p50})
            click.echo(f"{prefix:<10} {str(filters):<28} {chosen:<24} {len(got[chosen]):>3} "
                       f"{p50}", err=True)
        counts = _counts(store, samples)
        audit = _audit(store, samples)
        audit_counts = _audit_counts(store, samples)
        audit_of_entity = _audit_of_entity(store, samples)
    finally:
        store.close()
    report("lists", {"machine": machine(), "samples": samples, "cases": rows, "counts": counts,
                     "audit": audit, "audit_counts": audit_counts,
                     "audit_of_entity": audit_of_entity})


if __name__ == "__main__":
    main()
