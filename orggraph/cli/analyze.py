"""``orggraph analyze`` and ``orggraph escalate``: the analyses, as an analyst of the
whole graph."""

from __future__ import annotations

import json

import click

from ..model import CATEGORIES, GAP_KINDS
from .base import Context, area_code, main


@main.group()
def analyze() -> None:
    """Coverage gaps, understaffed grids, reachability (as an analyst of the whole graph)."""


def _analysis_caller(scope: str):
    from ..auth import Caller

    return Caller.of("cli", "analyst", scope, name="orggraph analyze")


def _emit(rows: list[dict], columns: list[str], fmt: str) -> None:
    """Rows as JSON, or ``columns`` of them (dotted paths) as CSV or a table, titled as the
    API's exports title them."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from ..tabular import cell, header, write

    if fmt == "csv":  # the very file the API's export gives (formula-like text made inert)
        click.echo(write(rows, columns, "csv").decode("utf-8-sig"), nl=False)
        return
    flat = [[cell(r, c) for c in columns] for r in rows]
    from rich.console import Console
    from rich.table import Table

    table = Table(*header(columns))
    for values in flat:
        table.add_row(*(str(v) for v in values))
    Console().print(table)


ANALYZE_OPTIONS = [
    click.option("--within", callback=area_code, help="Only this area's subtree."),
    click.option("--scope", default="350300", show_default=True, callback=area_code,
                 help="The area analysed (its subtree is projected)."),
    click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                 default="table", show_default=True),
]


def _analyze_options(fn):
    for option in reversed(ANALYZE_OPTIONS):
        fn = option(fn)
    return fn


@analyze.command("gaps")
@_analyze_options
@click.option("--kind", type=click.Choice(GAP_KINDS), help="Only gaps of this kind.")
@click.pass_obj
def analyze_gaps(obj: Context, within, scope, fmt, kind) -> None:
    """Coverage gaps, each with what to do about it."""
    from ..analysis import gaps
    from ..projection import ProjectionCache

    with obj.opened() as store:
        result = gaps(store, _analysis_caller(scope), ProjectionCache(), within=within,
                      kind=kind)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    _emit(result["items"], ["kind", "area.code", "area.name", "detail"], fmt)
    if fmt == "table":
        click.echo(", ".join(f"{k}: {v}" for k, v in result["summary"].items()), err=True)


@analyze.command("understaffed")
@_analyze_options
@click.option("--limit", type=click.IntRange(1, 100_000), default=20, show_default=True)
@click.pass_obj
def analyze_understaffed(obj: Context, within, scope, fmt, limit) -> None:
    """Grids ranked worst first, with reasons."""
    from ..analysis import understaffed
    from ..projection import ProjectionCache

    with obj.opened() as store:
        rows = understaffed(store, _analysis_caller(scope), ProjectionCache(), within=within,
                            limit=limit)
    _emit(rows, ["grid.code", "grid.name", "residents", "residents_per_staff", "score",
                 "reasons"], fmt)


@analyze.command("reachability")
@_analyze_options
@click.option("--category", type=click.Choice(list(CATEGORIES)),
              help="Only this event category.")
@click.option("--unreachable", is_flag=True, help="Only what cannot be reached.")
@click.pass_obj
def analyze_reachability(obj: Context, within, scope, fmt, category, unreachable) -> None:
    """Community x category: reachable or not, and in how many hours."""
    from ..analysis import reachable
    from ..projection import ProjectionCache

    with obj.opened() as store:
        rows = reachable(store, _analysis_caller(scope), ProjectionCache(), within=within,
                         category=category)
    if unreachable:
        rows = [r for r in rows if not r["reachable"]]
    _emit(rows, ["community.code", "community.name", "category", "reachable", "hours"], fmt)


@main.command()
@click.option("--unit", required=True, callback=area_code, help="The unit's 18-digit code.")
@click.option("--category", required=True, type=click.Choice(list(CATEGORIES)),
              help="Event category.")
@click.option("--alternatives", "k", type=click.IntRange(0, 10), default=2, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_obj
def escalate(obj: Context, unit, category, k, fmt) -> None:
    """The quickest way from a unit to a competent department, hop by hop."""
    from ..analysis import escalate as path
    from ..projection import ProjectionCache

    with obj.opened() as store:
        result = path(store, _analysis_caller(unit[:4] + "00"), ProjectionCache(), unit=unit,
                      category=category, k=k)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for i, route in enumerate([result, *result["alternatives"]]):
        click.echo(f"{'best' if i == 0 else 'alternative ' + str(i)}: {route['target']['name']}"
                   f" in {route['total_hours']:g} h")
        for hop in route["hops"]:
            who = hop["person"]["name"] if hop["person"] else "(no one named)"
            click.echo(f"  {hop['from']['name']} -> {hop['to']['name']} [{hop['kind']}, "
                       f"{hop['expected_hours']:g} h, {who}]")
