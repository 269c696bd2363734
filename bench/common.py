"""Shared by the benchmarks: a server of their own, timing, the machine's description."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import click

from orggraph.config import Settings
from orggraph.store import Store
from orggraph.store.localdb import Instance
from orggraph.store.schema import apply_schema

OUT = Path(__file__).parent / "out"


def bench_instance() -> Instance:
    heap = os.environ.get("ORGGRAPH_BENCH_HEAP", "2g")
    cache = os.environ.get("ORGGRAPH_BENCH_PAGECACHE", "2g")
    return Instance(Settings.from_env().home, "bench", port=7690, heap=heap, pagecache=cache)


def open_store(inst: Instance) -> Store:
    """The bench server's store, with any index added since its data was loaded."""
    store = Store.open(Settings.from_env(neo4j_uri=inst.uri, neo4j_password=inst.password()))
    apply_schema(store)
    return store


def start_bench(*, wipe: bool = False) -> tuple[Instance, Store]:
    """Start the bench server (emptied first with `wipe`) and open its store."""
    inst = bench_instance()
    inst.start(echo=lambda m: click.echo(m, err=True))
    if wipe:
        inst.wipe(echo=lambda m: None)
    return inst, open_store(inst)


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem, 1),
            "python": platform.python_version(), "java": java.splitlines()[0] if java else "",
            "date": time.strftime("%Y-%m-%d"), "python_loop_s": python_loop()}


def python_loop() -> float:
    """Seconds this machine takes for ten million Python additions in a function, now: a
    snapshot of its speed, which moves by half within a day and within seconds too (a virtual
    machine on shared hosts; three probes in a row gave 0.39 to 0.68 s), and the throughput
    figures with it. Each result carries one, to read runs of different days beside."""
    t = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return round(time.perf_counter() - t, 2)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (a gunicorn master's workers), from /proc."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def rss_kib(pid: int) -> int:
    """A process's resident set (VmRSS), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise OSError(f"no VmRSS for {pid}")


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - t, result


def raw(store: Store, query: str, params: dict | None = None) -> list:
    """``query`` sent straight through the driver as an auto-commit query (one round trip, as
    the API sends its reads), its rows listed: the baseline the API is set against."""
    with store.driver.session(database=store.database) as session:
        return list(session.run(query, params or {}))


def median(xs):
    return statistics.median(xs)


def save(name: str, data: dict) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    return path


def report(name: str, data: dict) -> None:
    """Save a benchmark's result and print its figures (the machine is in the file only)."""
    path = save(name, data)
    click.echo(json.dumps({k: v for k, v in data.items() if k != "machine"}, indent=1,
                          ensure_ascii=False))
    click.echo(f"wrote {path}")


PORT = 5091  # where the benchmarks serve the API
# wrk prints its summary through this Lua function as one JSON line.
_DONE = "\n".join([
    "done = function(summary, latency, requests)",
    '  io.write(string.format("JSON {\\"requests\\": %d, \\"errors\\": %d, \\"non2xx\\": %d, '
    '\\"p50_ms\\": %.2f, \\"p95_ms\\": %.2f, \\"p99_ms\\": %.2f}\\n", summary.requests, '
    "summary.errors.connect + summary.errors.read + summary.errors.write + "
    "summary.errors.timeout, summary.errors.status, latency:percentile(50) / 1000, "
    "latency:percentile(95) / 1000, latency:percentile(99) / 1000))",
    "end",
])


def wrk(token: str, script: list[str], seconds: int, connections: int, *, threads: int = 2,
        timeout: str = "10s", json_body: bool = False, background: bool = False):
    """Run wrk against the bench API with ``script`` (Lua lines defining ``request``);
    returns its summary (requests, errors, non2xx, p50/p95/p99 ms, per_second), or with
    ``background`` the running process, for :func:`wrk_result`."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: `make wrk` installs it (apt-get install wrk)")
    lua = [f'wrk.headers["Authorization"] = "Bearer {token}"']
    if json_body:
        lua.append('wrk.headers["Content-Type"] = "application/json"')
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write("\n".join([*lua, *script, _DONE]))
    proc = subprocess.Popen(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
                             "--timeout", timeout, "-s", f.name, f"http://127.0.0.1:{PORT}"],
                            stdout=subprocess.PIPE, text=True)
    proc.script = Path(f.name)
    proc.seconds, proc.connections = seconds, connections
    return proc if background else wrk_result(proc)


def wrk_result(proc) -> dict:
    out, _ = proc.communicate()
    proc.script.unlink(missing_ok=True)
    stats = json.loads(out.split("JSON ", 1)[1].splitlines()[0])
    stats["per_second"] = round(stats["requests"] / proc.seconds, 1)
    stats.update(seconds=proc.seconds, connections=proc.connections)
    return stats
