"""Getting data in and out: rosters, backups and fingerprints."""

from __future__ import annotations

import json

import click

from ..rosters import COLUMNS
from .base import Context, area_code, main, operator, progress


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
    from ..backup import fingerprint, restore

    with obj.opened() as store, open(path, "rb") as f, progress("restoring") as advance:
        done = restore(store, f, replace=replace, progress=advance)
        print_ = fingerprint(store)
    click.echo(json.dumps({"restored": done, "fingerprint": print_}, ensure_ascii=False))


@main.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.pass_obj
def export_(obj: Context, path: str) -> None:
    """Write the whole graph to PATH (gzip JSON Lines); prints its fingerprint."""
    from ..backup import export, fingerprint

    with obj.opened() as store, open(path, "wb") as f, progress("exporting") as advance:
        header = export(store, f, progress=advance)
        print_ = fingerprint(store)
    click.echo(json.dumps({"exported": header, "fingerprint": print_}, ensure_ascii=False))


@main.command("fingerprint")
@click.pass_obj
def fingerprint_(obj: Context) -> None:
    """Counts and a SHA-256 of the graph's content, to compare two graphs."""
    from ..backup import fingerprint

    with obj.opened() as store:
        click.echo(json.dumps(fingerprint(store), ensure_ascii=False))


def _import(obj: Context, kind: str, path: str, scope: str | None) -> None:
    from pathlib import Path

    from ..rosters import RosterRejected, import_file

    caller = operator(f"import {kind}", scope)
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


def _roster_command(kind: str) -> click.Command:
    @import_.command(kind, help=f"Columns: {', '.join(COLUMNS[kind])}.")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @click.option("--scope", callback=area_code,
                  help="Refuse rows outside this area (default: everything).")
    @click.pass_obj
    def command(obj: Context, path: str, scope: str | None) -> None:
        _import(obj, kind, path, scope)

    return command


import_pairings = _roster_command("pairings")
import_secondments = _roster_command("secondments")
