"""Where a benchmark's slow answers come from: a probe beside the load, and what Neo4j logged.

wrk gives a run's p99 but not when the slow answers came. :class:`Probe` sends one request at
a time, a few a second, on a connection of its own while the load runs, and keeps each
answer's time; :func:`neo4j_events` reads, from the server's debug log, the checkpoints and the
JVM's stop-the-world pauses of the same window, and :func:`retries` the transactions the
API's driver retried (its warnings, from the server's standard error). Side by side they say
whether a tail is the server pausing, the disk flushing, transactions waiting on each other's
locks, or none of these.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import requests

from .common import PORT, median

SLOW_MS = 500.0
_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})([+-]\d{4}) ")
_PAUSE = re.compile(r"stop-the-world pause: \{pauseTime=(\d+), gcTime=(\d+)")
_CHECKPOINT = re.compile(r'Checkpoint triggered by "([^"]*)".*checkpoint completed in '
                         r"([^.]+)\. Checkpoint flushed (\d+) pages")

_RETRY = re.compile(r"will be retried in ([\d.]+)s \((?:.*?\{code: ([\w.]+)\})?")


class Probe(threading.Thread):
    """``POST path`` with ``body`` every ``every`` seconds, one at a time, until stopped;
    ``answers`` holds (epoch seconds sent, milliseconds, status; 0 for no answer)."""

    def __init__(self, token: str, path: str, body: dict, every: float = 0.2):
        super().__init__(daemon=True)
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.url, self.body, self.every = f"http://127.0.0.1:{PORT}{path}", body, every
        self.answers: list[tuple[float, float, int]] = []
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            sent, t = time.time(), time.perf_counter()
            try:
                status = self.http.post(self.url, json=self.body, timeout=30).status_code
            except requests.RequestException:
                status = 0
            self.answers.append((sent, (time.perf_counter() - t) * 1000, status))
            self._done.wait(max(0.0, self.every - (time.perf_counter() - t)))

    def stop(self) -> list[tuple[float, float, int]]:
        self._done.set()
        self.join()
        self.http.close()
        return self.answers


def neo4j_events(log_path, since: float, until: float) -> list[dict]:
    """The checkpoints that completed and the stop-the-world pauses Neo4j logged between the
    epoch seconds ``since`` and ``until``, each with its time and length."""
    out = []
    try:
        lines = Path(log_path).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return out
    for line in lines:
        m = _LINE.match(line)
        if not m:
            continue
        at = datetime.strptime(m[1] + m[2], "%Y-%m-%d %H:%M:%S.%f%z").timestamp()
        if not since <= at <= until:
            continue
        if p := _PAUSE.search(line):
            out.append({"at": at, "what": "pause", "ms": int(p[1]), "gc_ms": int(p[2])})
        elif c := _CHECKPOINT.search(line):
            out.append({"at": at, "what": "checkpoint", "trigger": c[1], "took": c[2],
                        "pages": int(c[3])})
    return out


def retries(text: str) -> dict:
    """The driver's retries in ``text`` (its warnings): how many, the seconds they waited,
    and the Neo4j codes of the errors retried."""
    found = _RETRY.findall(text)
    return {"count": len(found), "waited_s": round(sum(float(d) for d, _ in found), 2),
            "codes": dict(Counter(code or "other" for _, code in found))}


def summary(answers: list[tuple[float, float, int]], log: list[dict], start: float,
            retried: dict) -> dict:
    """The probe's answers, the log's events and the driver's retries, times in seconds from
    ``start``: every slow answer (over :data:`SLOW_MS`, or none) beside the events."""
    ms = sorted(a[1] for a in answers)
    slow = [{"at_s": round(s - start, 2), "ms": round(m, 1), "status": st}
            for s, m, st in answers if m > SLOW_MS or st == 0]
    return {"probes": len(ms), "p50_ms": round(median(ms), 1) if ms else None,
            "max_ms": round(ms[-1], 1) if ms else None, "slow": slow, "retries": retried,
            "neo4j": [{"at_s": round(e["at"] - start, 2),
                       **{k: v for k, v in e.items() if k != "at"}} for e in log],
            "at": datetime.fromtimestamp(start, UTC).isoformat(timespec="seconds")}
