"""Bulk loading: batched ``UNWIND`` statements in managed write transactions, idempotent.

Every statement MERGEs on unique keys, so loading the same rows twice leaves the same graph and a
transaction retried after a transient failure does no harm.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..dataset import LOAD_ORDER, Chunk, ordered
from .driver import Store
from .schema import apply_schema

STATEMENT = {kind: f"load/merge_{kind}" for kind in LOAD_ORDER}
ROLLUP_TIERS = ("town", "district", "city")


@dataclass
class LoadReport:
    rows: dict[str, int] = field(default_factory=dict)
    seconds_by_kind: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    transactions: int = 0

    def add(self, kind: str, n: int) -> None:
        self.rows[kind] = self.rows.get(kind, 0) + n


def load(store: Store, chunks: Iterable[Chunk], *, batch_size: int = 5000,
         flush_rows: int = 40_000, on_chunk: Callable[[LoadReport], None] | None = None,
         meta: dict | None = None) -> LoadReport:
    """Write every chunk; chunks are gathered until ``flush_rows`` rows so batches stay full."""
    report = LoadReport()
    start = time.perf_counter()
    apply_schema(store)
    pending: dict[str, list] = {}
    size = 0
    for chunk in chunks:
        for kind, rows in chunk.items():
            pending.setdefault(kind, []).extend(rows)
            size += len(rows)
        if size >= flush_rows:
            _flush(store, pending, batch_size, report)
            pending, size = {}, 0
        if on_chunk:
            on_chunk(report)
    _flush(store, pending, batch_size, report)
    for tier in ROLLUP_TIERS:
        store.write("load/set_residents_rollup", tier=tier)
    if meta is not None:
        store.write("load/merge_meta", key="seed", props=meta)
    report.seconds = time.perf_counter() - start
    return report


def _flush(store: Store, pending: dict[str, list], batch_size: int, report: LoadReport) -> None:
    unknown = set(pending) - set(STATEMENT)
    if unknown:
        raise ValueError(f"no loader for row kinds {sorted(unknown)}")
    for kind in LOAD_ORDER:
        rows = ordered(kind, pending.get(kind, []))
        start = time.perf_counter()
        for i in range(0, len(rows), batch_size):
            store.write(STATEMENT[kind], rows=rows[i : i + batch_size])
            report.transactions += 1
        report.add(kind, len(rows))
        spent = time.perf_counter() - start
        report.seconds_by_kind[kind] = report.seconds_by_kind.get(kind, 0.0) + spent


def write_rows_one_by_one(store: Store, kind: str, rows: list[dict]) -> None:
    """One transaction per row: the baseline the batched load is measured against."""
    for row in ordered(kind, rows):
        store.write(STATEMENT[kind], rows=[row])


def graph_counts(store: Store) -> dict[str, dict[str, int]]:
    return {
        "nodes": {r["label"]: r["n"] for r in store.read("admin/list_label_counts")},
        "relationships": {r["type"]: r["n"] for r in store.read("admin/list_relationship_counts")},
    }
