"""The ``orggraph`` console script: the local database, the seed, and serving the API."""

from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager

import click

from .auth import DEFAULT_RATE_LIMIT, ROLES
from .config import Settings
from .errors import OrggraphError
from .store.localdb import Instance


class Context:
    def __init__(self, instance: str | None):
        overrides = {"instance": instance} if instance else {}
        self.settings = Settings.from_env(**overrides)

    def instance(self) -> Instance:
        return Instance(self.settings.home, self.settings.instance)

    def store(self):
        from .store import Store

        if not self.settings.neo4j_uri:
            self.instance().start(echo=lambda m: click.echo(m, err=True))
        return Store.open(self.settings)

    @contextmanager
    def opened(self):
        """A store for one command, closed when it is done."""
        store = self.store()
        try:
            yield store
        finally:
            store.close()


@click.group()
@click.option("--instance", help="Local server to use: 'run' (default) or 'test'.")
@click.pass_context
def main(ctx: click.Context, instance: str | None) -> None:
    """orggraph: Putian's grassroots-governance network in Neo4j."""
    ctx.obj = Context(instance)


@main.group()
def db() -> None:
    """The local Neo4j server (not used when NEO4J_URI is set)."""


@db.command("start")
@click.pass_obj
def db_start(obj: Context) -> None:
    """Provision (first time) and start the local server; wait until Bolt answers."""
    if obj.settings.neo4j_uri:
        click.echo(f"NEO4J_URI is set ({obj.settings.neo4j_uri}); no local server started")
        return
    inst = obj.instance()
    click.echo(f"{inst.start(echo=lambda m: click.echo(m, err=True))}: {inst.uri}")


@db.command("stop")
@click.pass_obj
def db_stop(obj: Context) -> None:
    """Stop the local server."""
    click.echo(obj.instance().stop())


@db.command("status")
@click.pass_obj
def db_status(obj: Context) -> None:
    """Say whether the local server runs and answers; exit 1 when it does not."""
    st = obj.instance().status()
    click.echo(json.dumps(st, ensure_ascii=False))
    sys.exit(0 if st["running"] and st["bolt"] else 1)


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

    from .store.loader import graph_counts

    with obj.opened() as store:
        if if_empty and already_seeded(store):
            from .store.schema import apply_schema

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


@main.group()
def token() -> None:
    """API tokens: each has a role and an area scope."""


@token.command("create")
@click.option("--role", required=True, type=click.Choice(sorted(ROLES)))
@click.option("--scope", required=True, help="Area code whose subtree the token may see.")
@click.option("--name", help="Who or what holds it (shown in the audit trail).")
@click.option("--person", "person_id", help="The person id of its holder, if any.")
@click.option("--expires-in-days", type=float, default=365, show_default=True)
@click.option("--rate-limit", type=click.IntRange(min=1), default=DEFAULT_RATE_LIMIT,
              show_default=True, help="Requests a minute.")
@click.pass_obj
def token_create(obj: Context, role, scope, name, person_id, expires_in_days, rate_limit):
    """Create a token and print it alone on stdout (it is shown only once)."""
    from .tokens import create_token

    with obj.opened() as store:
        secret, record = create_token(store, role=role, scope=scope, name=name,
                                      person_id=person_id, expires_in_days=expires_in_days,
                                      rate_limit=rate_limit)
    click.echo(f"created {record['id']} ({role}, scope {scope})", err=True)
    click.echo(secret)


@token.command("list")
@click.pass_obj
def token_list(obj: Context) -> None:
    """Tokens (never their secrets), newest first."""
    from .tokens import list_tokens

    with obj.opened() as store:
        rows = list_tokens(store)
    for t in rows:
        state = "revoked" if t["revoked_at"] else "active"
        click.echo(f"{t['id']}\t{t['role']}\t{t['scope_code']}\t{state}\t"
                   f"expires {t['expires_at'] or 'never'}\t{t['name'] or ''}")


@token.command("revoke")
@click.argument("token_id")
@click.pass_obj
def token_revoke(obj: Context, token_id: str) -> None:
    """Revoke a token by its id (tok_…)."""
    from .tokens import revoke_token

    with obj.opened() as store:
        revoke_token(store, token_id)
    click.echo(f"revoked {token_id}")


class _ImportGroup(click.Group):
    """``import pairings|secondments FILE`` loads a roster; ``import FILE`` restores a backup
    written by ``orggraph export``."""

    def resolve_command(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "backup", self.commands["backup"], args
        return super().resolve_command(ctx, args)


@main.group("import", cls=_ImportGroup)
def import_() -> None:
    """Load rosters (CSV or XLSX), all or nothing; or, given a backup file, restore the graph."""


@import_.command("backup")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--replace", is_flag=True, help="Delete everything stored first (the database "
                                              "must otherwise be empty).")
@click.pass_obj
def import_backup(obj: Context, path: str, replace: bool) -> None:
    """Restore a backup (orggraph export) into an empty database; prints its fingerprint."""
    from .backup import fingerprint, restore

    with obj.opened() as store, open(path, "rb") as f, _progress("restoring") as advance:
        done = restore(store, f, replace=replace, progress=advance)
        print_ = fingerprint(store)
    click.echo(json.dumps({"restored": done, "fingerprint": print_}, ensure_ascii=False))


@main.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.pass_obj
def export_(obj: Context, path: str) -> None:
    """Write the whole graph to PATH (gzip JSON Lines); prints its fingerprint."""
    from .backup import export, fingerprint

    with obj.opened() as store, open(path, "wb") as f, _progress("exporting") as advance:
        header = export(store, f, progress=advance)
        print_ = fingerprint(store)
    click.echo(json.dumps({"exported": header, "fingerprint": print_}, ensure_ascii=False))


@main.command("fingerprint")
@click.pass_obj
def fingerprint_(obj: Context) -> None:
    """Counts and a SHA-256 of the graph's content, to compare two graphs."""
    from .backup import fingerprint

    with obj.opened() as store:
        click.echo(json.dumps(fingerprint(store), ensure_ascii=False))


@contextmanager
def _progress(what: str):
    """A progress counter on a terminal; silence otherwise."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(what, total=None)
        yield lambda n: bar.advance(task, n)


def _import(obj: Context, kind: str, path: str, scope: str | None) -> None:
    from pathlib import Path

    from .auth import SYSTEM, Caller
    from .rosters import RosterRejected, import_file

    caller = Caller.of("cli", "admin", scope, name="orggraph import") if scope else SYSTEM
    data = Path(path).read_bytes()
    fmt = Path(path).suffix.lower().lstrip(".")
    with obj.opened() as store:
        try:
            report = import_file(store, caller, kind, data, fmt)
        except RosterRejected as e:
            for err in e.report.errors:
                click.echo(f"line {err['line']}: {err['column']}: {err['reason']}", err=True)
            raise click.ClickException(e.detail) from None
    click.echo(f"{kind}: {report.rows} rows, {report.created} created, "
               f"{report.unchanged} already stored")


@import_.command("pairings")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--scope", help="Refuse rows outside this area (default: everything).")
@click.pass_obj
def import_pairings(obj: Context, path: str, scope: str | None) -> None:
    """Columns: agency_id, community_code, since, until."""
    _import(obj, "pairings", path, scope)


@import_.command("secondments")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--scope", help="Refuse rows outside this area (default: everything).")
@click.pass_obj
def import_secondments(obj: Context, path: str, scope: str | None) -> None:
    """Columns: person_id, area_code, role, agency_id, since, until."""
    _import(obj, "secondments", path, scope)


@main.group()
def analyze() -> None:
    """Coverage gaps, understaffed grids, reachability (as an analyst of the whole graph)."""


def _analysis_caller(scope: str):
    from .auth import Caller

    return Caller.of("cli", "analyst", scope, name="orggraph analyze")


def _emit(rows: list[dict], columns: list[str], fmt: str) -> None:
    """Rows as JSON, or ``columns`` of them (dotted paths) as CSV or a table, titled as the
    API's exports title them."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from .tabular import cell, header, write

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
    click.option("--within", help="Only this area's subtree."),
    click.option("--scope", default="350300", show_default=True,
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
@click.option("--kind", help="Only gaps of this kind.")
@click.pass_obj
def analyze_gaps(obj: Context, within, scope, fmt, kind) -> None:
    """Coverage gaps, each with what to do about it."""
    from .analysis import gaps
    from .projection import ProjectionCache

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
    from .analysis import understaffed
    from .projection import ProjectionCache

    with obj.opened() as store:
        rows = understaffed(store, _analysis_caller(scope), ProjectionCache(), within=within,
                            limit=limit)
    _emit(rows, ["grid.code", "grid.name", "residents", "residents_per_staff", "score",
                 "reasons"], fmt)


@analyze.command("reachability")
@_analyze_options
@click.option("--category", help="Only this event category.")
@click.option("--unreachable", is_flag=True, help="Only what cannot be reached.")
@click.pass_obj
def analyze_reachability(obj: Context, within, scope, fmt, category, unreachable) -> None:
    """Community x category: reachable or not, and in how many hours."""
    from .analysis import reachable
    from .projection import ProjectionCache

    with obj.opened() as store:
        rows = reachable(store, _analysis_caller(scope), ProjectionCache(), within=within,
                         category=category)
    if unreachable:
        rows = [r for r in rows if not r["reachable"]]
    _emit(rows, ["community.code", "community.name", "category", "reachable", "hours"], fmt)


@main.command()
@click.option("--unit", required=True, help="The unit's 18-digit code.")
@click.option("--category", required=True, help="Event category, e.g. housing.")
@click.option("--alternatives", "k", type=click.IntRange(0, 10), default=2, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_obj
def escalate(obj: Context, unit, category, k, fmt) -> None:
    """The quickest way from a unit to a competent department, hop by hop."""
    from .analysis import escalate as path
    from .projection import ProjectionCache

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


@main.command()
@click.option("--host", default=None, help="Default ORGGRAPH_HOST or 127.0.0.1.")
@click.option("--port", type=int, default=None, help="Default ORGGRAPH_PORT or 5000.")
@click.option("--workers", type=click.IntRange(1, 32), default=2, show_default=True)
@click.option("--dev", is_flag=True, help="Flask's development server instead of gunicorn.")
@click.pass_obj
def serve(obj: Context, host: str | None, port: int | None, workers: int, dev: bool) -> None:
    """Serve the API and the web page."""
    from .serving import serve as run

    settings = obj.settings
    if not settings.neo4j_uri:
        obj.instance().start(echo=lambda m: click.echo(m, err=True))
    run(settings, host=host or settings.host, port=port or settings.port, workers=workers,
        dev=dev)


@main.group("events")
def events_group() -> None:
    """Events: the same-day sweep, statistics."""


@events_group.command("sweep")
@click.option("--policy", type=click.Choice(["flag", "escalate"]), default=None,
              help="What to do with an overdue level (default: ORGGRAPH_SWEEP_POLICY, 'flag').")
@click.option("--now", "now_", metavar="ISO-TIME",
              help="Sweep as of this time (with a time zone), e.g. to replay a day; default now.")
@click.option("--within", help="Only events of units in this area (default: everything).")
@click.option("--limit", type=click.IntRange(1, 10_000_000), default=100_000, show_default=True)
@click.pass_obj
def events_sweep(obj: Context, policy: str | None, now_: str | None, within: str | None,
                 limit: int) -> None:
    """Flag (or escalate) every open event past its level's deadline; run it on a schedule
    (e.g. every 15 minutes from cron). Each action is a step by the system."""
    import dataclasses
    from datetime import datetime

    from .clock import SYSTEM_CLOCK, FrozenClock
    from .events import sweep
    from .workflow import Policy

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
    with obj.opened() as store:
        result = sweep(store, clock=clock, policy=rules, within=within, limit=limit)
    click.echo(json.dumps(result, ensure_ascii=False))


@events_group.command("stats")
@click.option("--within", help="An area code (default: everything).")
@click.option("--from", "from_", help="First collection date, YYYY-MM-DD.")
@click.option("--to", help="Last collection date, YYYY-MM-DD.")
@click.pass_obj
def events_stats(obj: Context, within, from_, to) -> None:
    """Collected, closed, closure rate and where events were resolved, as JSON."""
    from .auth import SYSTEM
    from .stats import event_stats

    with obj.opened() as store:
        result = event_stats(store, SYSTEM, within=within, from_=from_, to=to)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1))


def run() -> None:
    try:
        main(standalone_mode=True)
    except OrggraphError as e:
        click.echo(f"error: {e.detail}", err=True)
        for field, messages in e.errors.items():
            click.echo(f"  {field}: {'; '.join(messages)}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
