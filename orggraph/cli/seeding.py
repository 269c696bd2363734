"""``orggraph seed``: the governance network generated on the real division tree."""

from __future__ import annotations

import re
import sys

import click

from .base import Context, main


@main.command()
@click.option("--scale", type=click.FloatRange(min=0.01, max=20), default=1.0, show_default=True,
              help="Multiplies residents, and with them grids and units, of every community.")
@click.option("--seed", "seed_", type=int, default=1, show_default=True,
              help="Random seed: the same seed and scale give the same graph.")
@click.option("--fujian", is_flag=True, help="Build the whole Fujian tree (for benchmarks).")
@click.option("--if-empty", is_flag=True, help="Do nothing when a seed is already loaded.")
@click.option("--batch-size", type=click.IntRange(1, 50_000), default=5000, show_default=True)
@click.option("--events", "events", default="2022-05..2022-05", show_default=True,
              metavar="FIRST..LAST|full|none",
              help="Months of event history to generate (YYYY-MM..YYYY-MM); 'full' is the "
                   "article's May 2022 to March 2023 (about 514,400 events at scale 1).")
@click.pass_obj
def seed(obj: Context, scale: float, seed_: int, fujian: bool, if_empty: bool,
         batch_size: int, events: str) -> None:
    """Generate the governance network on the real division tree and load it (idempotent)."""
    from seed.load import already_seeded, load_seed

    from ..store.loader import graph_counts

    with obj.opened() as store:
        if if_empty and already_seeded(store):
            from ..store.schema import apply_schema

            apply_schema(store)  # a newer release may add indexes
            click.echo("a seed is already loaded; schema brought up to date", err=True)
            return
        report = load_seed(store, scale=scale, seed=seed_, fujian=fujian,
                           batch_size=batch_size, progress=sys.stderr.isatty(),
                           events=_history(events))
        counts = graph_counts(store)
    _summary(report, counts)


def _history(value: str) -> tuple[str, str] | None:
    from seed.history import FULL_HISTORY

    if value == "none":
        return None
    if value == "full":
        return FULL_HISTORY
    first, _, last = value.partition("..")
    last = last or first
    if not all(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", m) for m in (first, last)) or last < first:
        raise click.BadParameter(f"{value!r}: give YYYY-MM..YYYY-MM (first before last), "
                                 "'full' or 'none'", param_hint="--events")
    return first, last


def _summary(report, counts) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"loaded in {report.seconds:.1f} s, {report.transactions} transactions")
    table.add_column("nodes")
    table.add_column("count", justify="right")
    table.add_column("relationships")
    table.add_column("count", justify="right")
    nodes, rels = sorted(counts["nodes"].items()), sorted(counts["relationships"].items())
    for i in range(max(len(nodes), len(rels))):
        n = nodes[i] if i < len(nodes) else ("", "")
        r = rels[i] if i < len(rels) else ("", "")
        table.add_row(n[0], f"{n[1]:,}" if n[1] != "" else "", r[0],
                      f"{r[1]:,}" if r[1] != "" else "")
    Console(stderr=True).print(table)
