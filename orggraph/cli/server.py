"""The local Neo4j server, and serving the API."""

from __future__ import annotations

import json
import sys

import click

from .base import Context, main


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
@click.option("--host", default=None, help="Default ORGGRAPH_HOST or 127.0.0.1.")
@click.option("--port", type=int, default=None, help="Default ORGGRAPH_PORT or 5000.")
@click.option("--workers", type=click.IntRange(1, 32), default=2, show_default=True)
@click.option("--dev", is_flag=True, help="Flask's development server instead of gunicorn.")
@click.pass_obj
def serve(obj: Context, host: str | None, port: int | None, workers: int, dev: bool) -> None:
    """Serve the API and the web page."""
    from ..serving import serve as run

    settings = obj.settings
    if not settings.neo4j_uri:
        obj.instance().start(echo=lambda m: click.echo(m, err=True))
    run(settings, host=host or settings.host, port=port or settings.port, workers=workers,
        dev=dev)
