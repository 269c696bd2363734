"""The ``orggraph`` command group, the context every command gets, and the entry point."""

from __future__ import annotations

import getpass
import sys
from contextlib import contextmanager

import click

from .. import codes
from ..config import Settings
from ..errors import InvalidInput, OrggraphError
from ..store.localdb import Instance


class Context:
    """What every command gets: the settings, the local server, and a store opened on demand
    (the local server started first when ``NEO4J_URI`` is unset)."""

    def __init__(self, instance: str | None):
        overrides = {"instance": instance} if instance else {}
        self.settings = Settings.from_env(**overrides)

    def instance(self) -> Instance:
        return Instance(self.settings.home, self.settings.instance)

    def store(self):
        from ..store import Store

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


def area_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback: an option's area code checked before any database is opened (or a
    local server started)."""
    if value is None:
        return None
    try:
        return codes.check(value, param.name or "code")
    except InvalidInput as e:
        raise click.BadParameter(f"{e.detail}: {e.errors[param.name or 'code'][0]}") from None


def operator(command: str, scope: str | None = None):
    """The caller a console command changes things as: full rights (inside ``scope`` if one
    is given), named in the audit trail by the login that ran it."""
    from ..auth import Caller

    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry, as in some containers
        login = "unknown"
    return Caller.of("cli", "admin", scope, name=f"{login} (orggraph {command})")


@contextmanager
def progress(what: str):
    """A progress counter for long work, on a terminal; silence otherwise. Yields the function
    that counts ``n`` more done."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(what, total=None)
        yield lambda n: bar.advance(task, n)


def run() -> None:
    try:
        main(standalone_mode=True)
    except OrggraphError as e:
        click.echo(f"error: {e.detail}", err=True)
        for field, messages in e.errors.items():
            click.echo(f"  {field}: {'; '.join(messages)}", err=True)
        sys.exit(2)
