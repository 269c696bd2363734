"""What a batch's write costs by its parts: the statement that writes a batch of events
(``events/create_event_batch``) as it stands, and the same statement with parts taken away
(the indexes, the link to the unit, the reporter's lookup), alternated on the same server,
each variant in its own transaction of ``--size`` rows, as ``events.create_events`` runs it.

    python -m bench.batch_shape [--rounds 4] [--size 5000]

Taking the indexes away means writing under labels that have none (``XEvent``, ``XStep``);
the rows, their properties and the server are the same. What no variant can pass is the barest
write of ``bench.events`` (run after them, in the same run); what the variants show is how close
the event's own shape can come to it on this machine. Everything written is removed at the end.
"""

from __future__ import annotations

import random
import time
from operator import itemgetter

import click

from orggraph.clock import SYSTEM_CLOCK
from orggraph.events.collect import batch_rows, by_unit
from orggraph.workflow import DEFAULT_POLICY

from .common import machine, median, report, start_bench
from .events import _bare_ceiling, _full_history, reporters


def _variants(statement: str) -> dict[str, str]:
    """The batch statement and its lighter forms, each built from the one before."""
    unindexed = statement.replace("(e:Event {", "(e:XEvent {").replace("(:Step {", "(:XStep {")
    assert unindexed != statement and "XStep" in unindexed
    unlinked = unindexed.replace("})-[:IN]->(u)", "})")
    assert unlinked != unindexed
    anonymous = unindexed.replace("MATCH (p:Person {id: row.reporter_id})",
                                  "WITH u, row, {id: row.reporter_id, name: ''} AS p")
    assert anonymous != unindexed
    return {"as_written": statement, "no_index": unindexed,
            "no_index_no_unit_link": unlinked, "no_index_no_reporter_lookup": anonymous}


def _rows(pairs, size: int, seed: int):
    rng = random.Random(seed)
    rows = [{"unit_code": u, "category": "dispute", "summary": "bench shape", "reported_by": p}
            for u, p in rng.sample(pairs, size)]
    own, event, step = batch_rows(rows, SYSTEM_CLOCK.now(), DEFAULT_POLICY, token_id="bench")
    return {"rows": by_unit(own, itemgetter("unit_code")), "event": event, "step": step,
            "scope": "3503"}


def _write(store, statement: str, params: dict) -> float:
    t = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        n = session.execute_write(lambda tx: tx.run(statement, params).single()["n"])
    took = time.perf_counter() - t
    assert n == len(params["rows"]), n
    return took


def _remove(store) -> None:
    with store.driver.session(database=store.database) as s:
        for label in ("XEvent", "Event"):
            # Only what this benchmark wrote: its summary, under either label.
            s.run(f"MATCH (e:{label} {{summary: 'bench shape'}}) CALL (e) {{ "
                  "OPTIONAL MATCH (e)-[:HAS_STEP]->(x) DETACH DELETE e, x } "
                  "IN TRANSACTIONS OF 5000 ROWS").consume()


@click.command()
@click.option("--rounds", default=4, show_default=True)
@click.option("--size", default=5000, show_default=True)
def main(rounds: int, size: int) -> None:
    inst, store = start_bench()
    _full_history(store)
    pairs = reporters(store)
    variants = _variants(store.queries["events/create_event_batch"])
    times: dict[str, list[float]] = {name: [] for name in variants}
    seed = 0
    try:
        for _ in range(rounds):
            for name, statement in variants.items():
                seed += 1
                times[name].append(_write(store, statement, _rows(pairs, size, seed)))
        bare = _bare_ceiling(store, rounds, size)
    finally:
        _remove(store)
        store.close()
    result = {"machine": machine(), "rounds": rounds, "size": size}
    for name, ts in times.items():
        result[name] = {"seconds": [round(t, 3) for t in ts], "p50_s": round(median(ts), 3),
                        "per_second": round(size / median(ts))}
    result["bare_write"] = bare
    report("batch_shape", result)


if __name__ == "__main__":
    main()
