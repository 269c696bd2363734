"""What group commit does for events collected one by one: ``POST /events`` over HTTP with
each event in its own transaction (``ORGGRAPH_EVENT_GROUP_MAX=1``, the baseline) and grouped
(the default), alternated on the same server.

    python -m bench.group_commit [--rounds 2] [--seconds 15] [--trace]

Each configuration is measured under load (32 connections, after a 10 s warm-up), with the
CPU time gunicorn's workers and Neo4j took per request, and alone (one connection, one request
at a time), where grouping must cost nothing. Then, without HTTP, groups of several sizes are
written straight through ``events.write_collected`` from one thread: what a group saves per
event. The events the runs create are removed.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from datetime import UTC, datetime

import click

from orggraph import events
from orggraph.auth import SYSTEM
from orggraph.config import Settings
from orggraph.tokens import create_token

from . import tails
from .common import machine, report, start_bench, wrk
from .events import _full_history, create_script, remove_created, reporters
from .lookups import _serve

DEFAULT = str(Settings().event_group_max)


def _cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measure(inst, token, script, group_max: str, seconds: int, connections: int,
             probe_body: dict | None = None) -> dict:
    """One configuration under load and alone; with ``probe_body``, a :class:`tails.Probe`
    beside the load, and what Neo4j logged meanwhile (``trace``)."""
    errors = tempfile.TemporaryFile("w+") if probe_body else None
    server = _serve(inst, 2, errors, ORGGRAPH_EVENT_GROUP_MAX=group_max)
    trace = None
    try:
        workers = [int(p) for p in
                   subprocess.check_output(["pgrep", "-P", str(server.pid)]).split()]
        wrk(token, script, 10, connections, json_body=True)  # warm-up
        pids = [*workers, inst.pid()]
        before = {p: _cpu_seconds(p) for p in pids}
        probe = tails.Probe(token, "/api/v1/events", probe_body) if probe_body else None
        start = time.time()
        if probe:
            errors.seek(0, os.SEEK_END)
            offset = errors.tell()
            probe.start()
        load = wrk(token, script, seconds, connections, json_body=True)
        used = {p: _cpu_seconds(p) - before[p] for p in pids}
        if probe:
            answers = probe.stop()
            log = tails.neo4j_events(inst.dir / "logs" / "debug.log", start, time.time())
            errors.seek(offset)
            trace = tails.summary(answers, log, start, tails.retries(errors.read()))
        alone = wrk(token, script, 10, 1, threads=1, json_body=True)
    finally:
        server.terminate()
        server.wait()
        if errors:
            errors.close()
    n = load["requests"]
    return {"group_max": int(group_max), "per_second": load["per_second"],
            "p50_ms": load["p50_ms"], "p99_ms": load["p99_ms"], "errors": load["errors"],
            "non2xx": load["non2xx"],
            "python_cpu_ms_per_request": round(sum(used[p] for p in workers) / n * 1000, 2),
            "neo4j_cpu_ms_per_request": round(used[inst.pid()] / n * 1000, 2),
            "alone_p50_ms": alone["p50_ms"], "alone_per_second": alone["per_second"],
            **({"trace": trace} if trace else {})}


def _direct(store, java: int, pairs, sizes: tuple[int, ...]) -> list[dict]:
    """Groups of each size written one after another from this thread, per event."""
    out, k = [], 0
    for size in sizes:
        n = 2048 if size > 1 else 512
        java0, python0, t = _cpu_seconds(java), time.process_time(), time.perf_counter()
        for _ in range(0, n, size):
            group = []
            for _ in range(size):
                unit, person = pairs[k % len(pairs)]
                k += 1
                group.append(events.collected(SYSTEM, unit_code=unit, category="dispute",
                                              summary="bench direct", reported_by=person))
            assert all(isinstance(o, dict) for o in events.write_collected(store, group))
        wall = time.perf_counter() - t
        out.append({"group": size, "events": n, "per_second": round(n / wall),
                    "neo4j_cpu_ms_per_event": round((_cpu_seconds(java) - java0) / n * 1000, 2),
                    "python_cpu_ms_per_event":
                        round((time.process_time() - python0) / n * 1000, 2)})
    return out


@click.command()
@click.option("--rounds", default=2, show_default=True)
@click.option("--seconds", default=15, show_default=True)
@click.option("--connections", default=32, show_default=True)
@click.option("--trace", is_flag=True,
              help="Probe beside the load and read Neo4j's log: when the slow answers came.")
def main(rounds: int, seconds: int, connections: int, trace: bool) -> None:
    inst, store = start_bench()
    _full_history(store)
    token, _ = create_token(store, role="admin", scope="350300", rate_limit=10**9,
                            name="bench group commit")
    pairs = reporters(store)
    script = create_script(pairs[:2000])
    unit, person = pairs[-1]  # outside the load's pairs
    probe_body = {"unit_code": unit, "category": "dispute", "summary": "bench probe",
                  "reported_by": person} if trace else None
    runs, direct = [], []
    started = datetime.now(UTC)
    try:
        for _ in range(rounds):
            for group_max in ("1", DEFAULT):
                runs.append(_measure(inst, token, script, group_max, seconds, connections,
                                     probe_body))
                run = runs[-1]
                click.echo(f"group max {group_max}: {run['per_second']} /s, p99 "
                           f"{run['p99_ms']} ms", err=True)
                if "trace" in run:
                    click.echo(f"  probe: {run['trace']}", err=True)
        direct = _direct(store, inst.pid(), pairs, (1, 4, 16, 64, 256, 16, 1))
    finally:
        remove_created(store, started)
        store.close()
    report("group-commit", {"machine": machine(), "seconds": seconds,
                            "connections": connections, "runs": runs, "direct": direct})


if __name__ == "__main__":
    main()
