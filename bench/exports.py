"""Exports at Putian scale with its full history, served by this code and by a baseline
revision side by side (alternated, same run): time to the first byte, time to the last, and
how much the worker's memory grew while it sent the file.

    python -m bench.exports [--baseline 4a430bc] [--rounds 3] [--only "csv 350300"]

The baseline is checked out with ``git worktree`` into a temporary directory and served under
gunicorn on a port of its own, against the same bench server. Every export gets a server just
started (one worker, a page of the same list asked first): a worker's memory, once grown,
is kept by it, and a second export would show less growth than it caused. Memory is the
worker's resident set, sampled every 10 ms while the export runs, its peak less its size just
before. Both sides must send the same CSV, byte for byte. An export the baseline refuses
(the city's events, longer than it exported) is kept as its refusal, without a ratio.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
import threading
import time

import click
import requests

from orggraph.tokens import create_token

from .common import PORT, children, machine, median, report, rss_kib, start_bench
from .events import _full_history
from .lookups import _serve

BASELINE_PORT = PORT + 1
# (format, area): a district's events (75,651 in the full history), a town's (14,829), and the
# city's (514,779), more than an export held before events streamed (the baseline refuses it).
CASES = [("csv", "350302"), ("xlsx", "350302003"), ("xlsx", "350302"), ("csv", "350300")]


def _rss(pid: int) -> int:
    return rss_kib(pid) * 1024


def _worker(server: subprocess.Popen) -> int:
    """The one worker of a gunicorn server, found as its master's child."""
    for _ in range(50):
        if workers := children(server.pid):
            return workers[0]
        time.sleep(0.1)
    raise click.ClickException("the server has no worker")


def _export(port: int, token: str, fmt: str, within: str, worker: int) -> dict:
    url = f"http://127.0.0.1:{port}/api/v1/events"
    headers = {"Authorization": f"Bearer {token}"}
    requests.get(url, params={"within": within, "page_size": 1}, headers=headers,
                 timeout=60).raise_for_status()  # the worker's first request, not timed
    before = peak = _rss(worker)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _rss(worker))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    digest = hashlib.sha256()
    try:
        t = time.perf_counter()
        with requests.get(url, params={"within": within, "format": fmt}, headers=headers,
                          stream=True, timeout=600) as r:
            if r.status_code == 422:
                return {"refused": r.json()["detail"]}
            r.raise_for_status()
            chunks = r.iter_content(65536)
            first = next(chunks)
            first_byte = time.perf_counter() - t
            digest.update(first)
            size = len(first)
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
        total = time.perf_counter() - t
    finally:
        done.set()
        sampler.join()
    return {"first_byte_s": round(first_byte, 3), "total_s": round(total, 3), "bytes": size,
            "rss_growth_mib": round((peak - before) / 2**20, 1), "sha256": digest.hexdigest()}


def _measured(inst, token: str, fmt: str, within: str, checkout: str | None) -> dict:
    port = BASELINE_PORT if checkout else PORT
    server = _serve(inst, 1, port=port, checkout=checkout)
    try:
        return _export(port, token, fmt, within, _worker(server))
    finally:
        server.terminate()
        server.wait()


@click.command()
@click.option("--baseline", default="4a430bc", show_default=True,
              help="The revision to compare with (exports built whole in memory).")
@click.option("--rounds", default=3, show_default=True)
@click.option("--only", multiple=True, type=click.Choice([f"{f} {a}" for f, a in CASES]),
              help="Only these cases (repeatable); all by default.")
def main(baseline: str, rounds: int, only: tuple[str, ...]) -> None:
    inst, store = start_bench()
    _full_history(store)
    token, _ = create_token(store, role="admin", scope="350300", rate_limit=10**9,
                            name="bench exports")
    checkout = tempfile.mkdtemp(prefix="orggraph-baseline-")
    subprocess.run(["git", "worktree", "add", "--detach", checkout, baseline], check=True,
                   capture_output=True)
    runs: dict[str, dict[str, list]] = {}
    try:
        for n in range(rounds):
            # The side that goes first swaps from round to round.
            sides = [("current", None), ("baseline", checkout)]
            for fmt, within in [c for c in CASES if not only or f"{c[0]} {c[1]}" in only]:
                case = runs.setdefault(f"{fmt} {within}", {"current": [], "baseline": []})
                for side, path in sides if n % 2 == 0 else sides[::-1]:
                    case[side].append(_measured(inst, token, fmt, within, path))
                    click.echo(f"round {n + 1} {fmt} {within} {side}: {case[side][-1]}",
                               err=True)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", checkout], check=False)
        store.close()
    result = {"machine": machine(), "baseline": baseline, "rounds": rounds, "cases": {}}
    for name, case in runs.items():
        summary = {}
        if any("refused" in r for r in case["current"] + case["baseline"]):
            result["cases"][name] = {"runs": case}
            continue
        for key in ("first_byte_s", "total_s", "rss_growth_mib"):
            cur = median([r[key] for r in case["current"]])
            base = median([r[key] for r in case["baseline"]])
            summary[key] = {"current": cur, "baseline": base,
                            "ratio": round(cur / base, 3) if base else None}
        if name.startswith("csv"):
            summary["same_csv"] = len({r["sha256"] for r in case["current"]
                                       + case["baseline"]}) == 1
        summary["runs"] = case
        result["cases"][name] = summary
    report("exports", result)


if __name__ == "__main__":
    main()
