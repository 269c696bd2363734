"""Shared by the benchmarks: a server of their own, timing, the machine's description."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

from orggraph.config import Settings
from orggraph.store import Store
from orggraph.store.localdb import Instance

OUT = Path(__file__).parent / "out"


def bench_instance() -> Instance:
    heap = os.environ.get("ORGGRAPH_BENCH_HEAP", "2g")
    cache = os.environ.get("ORGGRAPH_BENCH_PAGECACHE", "2g")
    return Instance(Settings.from_env().home, "bench", port=7690, heap=heap, pagecache=cache)


def open_store(inst: Instance) -> Store:
    return Store.open(Settings.from_env(neo4j_uri=inst.uri, neo4j_password=inst.password()))


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
            "date": time.strftime("%Y-%m-%d")}


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - t, result


def median(xs):
    return statistics.median(xs)


def save(name: str, data: dict) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    return path
