"""``orggraph events``: the same-day sweep, statistics."""

from __future__ import annotations

import json

import click

from .base import Context, area_code, main, progress


@main.group("events")
def events_group() -> None:
    """Events: the same-day sweep, statistics."""


@events_group.command("sweep")
@click.option("--policy", type=click.Choice(["flag", "escalate"]), default=None,
              help="What to do with an overdue level (default: ORGGRAPH_SWEEP_POLICY, 'flag').")
@click.option("--now", "now_", metavar="ISO-TIME",
              help="Sweep as of this time (with a time zone), e.g. to replay a day; default now.")
@click.option("--within", callback=area_code,
              help="Only events of units in this area (default: everything).")
@click.option("--limit", type=click.IntRange(1, 10_000_000), default=100_000, show_default=True)
@click.pass_obj
def events_sweep(obj: Context, policy: str | None, now_: str | None, within: str | None,
                 limit: int) -> None:
    """Flag (or escalate) every open event past its level's deadline; run it on a schedule
    (e.g. every 15 minutes from cron). Each action is a step by the system."""
    import dataclasses
    from datetime import datetime

    from ..clock import SYSTEM_CLOCK, FrozenClock
    from ..events import sweep
    from ..workflow import Policy

    clock = SYSTEM_CLOCK
    if now_:
        try:
            clock = FrozenClock(datetime.fromisoformat(now_))
        except ValueError:
            raise click.BadParameter(f"{now_!r} is not an ISO time with a zone, e.g. "
                                     "2022-05-04T08:00:00+08:00", param_hint="--now") from None
    rules = Policy.of(obj.settings)
    if policy:
        rules = dataclasses.replace(rules, sweep=policy)
    with obj.opened() as store, progress("sweeping") as advance:
        result = sweep(store, clock=clock, policy=rules, within=within, limit=limit,
                       progress=advance)
    click.echo(json.dumps(result, ensure_ascii=False))


@events_group.command("stats")
@click.option("--within", callback=area_code, help="An area code (default: everything).")
@click.option("--from", "from_", help="First collection date, YYYY-MM-DD.")
@click.option("--to", help="Last collection date, YYYY-MM-DD.")
@click.pass_obj
def events_stats(obj: Context, within, from_, to) -> None:
    """Collected, closed, closure rate and where events were resolved, as JSON."""
    from ..auth import SYSTEM
    from ..stats import event_stats

    with obj.opened() as store:
        result = event_stats(store, SYSTEM, within=within, from_=from_, to=to)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1))
