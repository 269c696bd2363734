"""What an index on events costs their creation: one-by-one creation over HTTP (as in
``bench.events``) with and without the index, alternated on the same server.

    python -m bench.index_cost [--index event_collected_at] [--rounds 2] [--seconds 15]

The index is dropped and created again through its schema file, and is left in place at the
end; the events the runs create are removed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import click

from orggraph.queries import CYPHER_DIR
from orggraph.tokens import create_token

from .common import bench_instance, machine, open_store, report
from .events import _full_history, _one_by_one, remove_created, reporters
from .lookups import _serve


@click.command()
@click.option("--index", "name", default="event_collected_at", show_default=True)
@click.option("--rounds", default=2, show_default=True)
@click.option("--seconds", default=15, show_default=True)
@click.option("--connections", default=32, show_default=True)
def main(name: str, rounds: int, seconds: int, connections: int) -> None:
    schema = CYPHER_DIR / "schema" / f"index_{name}.cypher"
    if not re.fullmatch(r"[a-z_]+", name) or not schema.exists():
        raise click.ClickException(f"no schema file {schema}")
    inst = bench_instance()
    inst.start(echo=lambda m: click.echo(m, err=True))
    store = open_store(inst)
    _full_history(store)

    def run(statement: str) -> None:
        store.driver.execute_query(statement, database_=store.database)

    def restore() -> None:
        run(schema.read_text(encoding="utf-8"))
        run("CALL db.awaitIndexes(600)")

    token, _ = create_token(store, role="admin", scope="350300", rate_limit=10**9,
                            name="bench index cost")
    pairs = reporters(store)
    runs = []
    try:
        for _ in range(rounds):
            for with_index in (False, True):
                if with_index:
                    restore()
                else:
                    # An index name cannot be a parameter; this one is checked against the
                    # schema files above.
                    run(f"DROP INDEX {name} IF EXISTS")
                started = datetime.now(UTC)
                server = _serve(inst, 2)
                try:
                    r = _one_by_one(token, pairs[:2000], seconds, connections)
                finally:
                    server.terminate()
                    server.wait()
                    remove_created(store, started)
                runs.append({"index": with_index, "create_per_second":
                             r["create"]["per_second"], "get_me_per_second":
                             r["baseline_get_me"]["per_second"]})
                click.echo(f"{'with' if with_index else 'without'} {name}: "
                           f"{r['create']['per_second']} /s", err=True)
    finally:
        restore()
        store.close()
    report("index-cost", {"machine": machine(), "index": name, "seconds": seconds,
                          "connections": connections, "runs": runs})


if __name__ == "__main__":
    main()
