"""What an index on events costs their creation: one-by-one creation over HTTP (as in
``bench.events``) with and without the index, alternated on the same server, and with
``--batches N`` also N batches of 5,000 from one client.

    python -m bench.index_cost [--index event_collected_at] [--rounds 2] [--seconds 15]
                               [--batches 0]

The index is dropped and created again through its schema statement, and is left in place at the
end; the events the runs create are removed.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from orggraph.tokens import create_token

from .common import machine, report, start_bench
from .events import _batches, _full_history, _one_by_one, remove_created, reporters
from .lookups import _serve


@click.command()
@click.option("--index", "name", default="event_collected_at", show_default=True)
@click.option("--rounds", default=2, show_default=True)
@click.option("--seconds", default=15, show_default=True)
@click.option("--connections", default=32, show_default=True)
@click.option("--batches", default=0, show_default=True,
              help="Batches of 5,000 to post in each state after the one-by-one run.")
def main(name: str, rounds: int, seconds: int, connections: int, batches: int) -> None:
    inst, store = start_bench()
    schema = f"schema/index_{name}"
    if schema not in store.queries:
        store.close()
        raise click.ClickException(f"no statement {schema} in cypher/")
    _full_history(store)

    def restore() -> None:
        store.run_auto(schema)
        store.run_auto("admin/await_indexes")

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
                    # An index name cannot be a parameter; this one names a schema statement
                    # of the catalogue (checked above).
                    store.driver.execute_query(f"DROP INDEX {name} IF EXISTS",
                                               database_=store.database)
                started = datetime.now(UTC)
                server = _serve(inst, 2)
                try:
                    r = _one_by_one(token, pairs[:2000], seconds, connections)
                    batched = _batches(token, pairs, batches, 5000, 1) if batches else None
                finally:
                    server.terminate()
                    server.wait()
                    remove_created(store, started)
                runs.append({"index": with_index, "create_per_second":
                             r["create"]["per_second"], "get_me_per_second":
                             r["baseline_get_me"]["per_second"],
                             "batch_per_second": batched and batched["per_second"]})
                click.echo(f"{'with' if with_index else 'without'} {name}: "
                           f"{r['create']['per_second']} /s one by one"
                           + (f", {batched['per_second']} /s in batches" if batched else ""),
                           err=True)
    finally:
        restore()
        store.close()
    report("index-cost", {"machine": machine(), "index": name, "seconds": seconds,
                          "connections": connections, "batches": batches, "runs": runs})


if __name__ == "__main__":
    main()
