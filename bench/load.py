"""Seed load: Putian (and Fujian with --fujian) into an empty database, and batched UNWIND
against one transaction per row on the same sample, alternated in the same run.

    python -m bench.load [--fujian] [--sample 2000] [--rounds 3]
"""

from __future__ import annotations

import click

from orggraph.store.loader import graph_counts, load, write_rows_one_by_one
from seed.generator import generate
from seed.load import load_seed

from .common import bench_instance, machine, median, open_store, save, timed


def _load_once(inst, *, fujian: bool) -> dict:
    inst.wipe(echo=lambda m: None)
    store = open_store(inst)
    try:
        # Fujian is the network alone (its figures compare with earlier runs); Putian has
        # its default month of events.
        kwargs = {"events": None} if fujian else {}
        seconds, report = timed(load_seed, store, fujian=fujian, progress=True, **kwargs)
        counts = graph_counts(store)
    finally:
        store.close()
    nodes = sum(counts["nodes"].values())
    # Every area has two labels (Area and its tier): count nodes once, by their primary labels.
    tier_labels = ("City", "District", "Town", "Community", "Grid", "Unit")
    nodes -= sum(counts["nodes"].get(label, 0) for label in tier_labels)
    rels = sum(counts["relationships"].values())
    return {"seconds": round(seconds, 1), "nodes": nodes, "relationships": rels,
            "nodes_per_s": round(nodes / seconds), "relationships_per_s": round(rels / seconds),
            "transactions": report.transactions, "counts": counts}


def _sample(n: int) -> list[dict]:
    """People rows from the Putian seed, renamed so they never collide with loaded ones."""
    rows = []
    for chunk in generate(seed=99):
        rows.extend(chunk.get("people", []))
        if len(rows) >= n:
            break
    return [{**r, "id": "bench-" + r["id"]} for r in rows[:n]]


def _unwind_vs_rows(inst, n: int, rounds: int) -> dict:
    store = open_store(inst)
    rows = _sample(n)
    clear = "MATCH (p:Person) WHERE p.id STARTS WITH 'bench-' DETACH DELETE p"
    batched, single = [], []
    try:
        for _ in range(rounds):
            store.driver.execute_query(clear, database_=store.database)
            batched.append(timed(load, store, [{"people": rows}])[0])
            store.driver.execute_query(clear, database_=store.database)
            single.append(timed(write_rows_one_by_one, store, "people", rows)[0])
        store.driver.execute_query(clear, database_=store.database)
    finally:
        store.close()
    b, s = median(batched), median(single)
    return {"rows": n, "rounds": rounds, "unwind_s": round(b, 3), "one_per_row_s": round(s, 3),
            "unwind_rows_per_s": round(n / b), "one_per_row_rows_per_s": round(n / s),
            "speedup": round(s / b, 1)}


@click.command()
@click.option("--fujian", is_flag=True, help="Also load the whole Fujian tree.")
@click.option("--sample", type=int, default=2000, show_default=True)
@click.option("--rounds", type=int, default=3, show_default=True)
def main(fujian: bool, sample: int, rounds: int) -> None:
    inst = bench_instance()
    inst.start(echo=lambda m: click.echo(m, err=True))
    result = {"machine": machine(), "neo4j_heap": inst.heap, "neo4j_pagecache": inst.pagecache}
    result["putian"] = _load_once(inst, fujian=False)
    click.echo(f"putian: {result['putian']['seconds']} s", err=True)
    result["unwind_vs_one_per_row"] = _unwind_vs_rows(inst, sample, rounds)
    if fujian:
        result["fujian"] = _load_once(inst, fujian=True)
        click.echo(f"fujian: {result['fujian']['seconds']} s", err=True)
    inst.stop()
    path = save("load-fujian" if fujian else "load", result)
    click.echo(f"wrote {path}")
    for key in ("putian", "fujian"):
        if key in result:
            r = result[key]
            click.echo(f"| {key} | {r['seconds']} s | {r['nodes']:,} nodes | "
                       f"{r['relationships']:,} relationships | {r['nodes_per_s']:,} nodes/s | "
                       f"{r['relationships_per_s']:,} rels/s |")
    u = result["unwind_vs_one_per_row"]
    click.echo(f"| UNWIND {u['unwind_rows_per_s']:,} rows/s | one per row "
               f"{u['one_per_row_rows_per_s']:,} rows/s | x{u['speedup']} |")


if __name__ == "__main__":
    main()
