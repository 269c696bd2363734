"""Partnership lookups at Putian scale: API p50 against the same Cypher sent raw through the
driver (interleaved, same run), and lookups per second over HTTP under gunicorn (wrk).

    python -m bench.lookups [--samples 400] [--seconds 20] [--warmup 30]

Neo4j compiles its hot paths as it runs: on a server just started the same lookup costs it
three to four times the CPU it costs after some ten thousand statements. A server in service
runs warm, so the benchmark first puts ``--warmup`` seconds of both lookups through the API
and the same statements through the driver, and measures after that.

The p50s are taken two ways. Call by call, the two sides take turns going first; block by
block, each side runs ``BLOCK`` lookups back to back, as a client of either would, and the
side that goes first swaps from block to block (see ``_blocks`` and BENCHMARKS.md).

The API is timed through a minimal HTTP client (as ``wrk`` is one) and, for reference,
through Python's ``http.client``, whose parsing of the answer costs about 0.6 ms a request.
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import subprocess
import sys
import time

import click
import requests

from orggraph.tokens import create_token
from seed.load import load_seed

from .common import (
    PORT,
    machine,
    median,
    raw,
    report,
    start_bench,
    timed,
    wrk,
    wrk_result,
)


def _putian(store) -> None:
    meta = store.read_one("admin/get_meta", key="seed")
    if meta is None or meta["meta"].get("fujian") or meta["meta"].get("scale") != 1.0:
        raise click.ClickException("the bench server must hold the Putian seed only; "
                                   "run with --reload")


BLOCK = 25  # lookups of one side back to back in the block design (``_blocks``)


def _serve(inst, workers: int, errors=None, *, port: int = PORT, checkout: str | None = None,
           **settings: str) -> subprocess.Popen:
    """The API under gunicorn on the bench server; ``settings`` add to its environment, and
    its standard error goes to the open file ``errors`` if given. The workers prepare no
    analyses as they start (``ORGGRAPH_WARM``), unless asked: what the benchmarks time starts
    at once, and the soak's memory is read from the first round. ``checkout``: serve the code
    of that directory (another revision, a baseline) instead of this one."""
    env = dict(os.environ, NEO4J_URI=inst.uri, NEO4J_PASSWORD=inst.password(),
               ORGGRAPH_PORT=str(port), ORGGRAPH_WARM="none")
    if checkout:
        env["PYTHONPATH"] = checkout
    env.update(settings)
    proc = subprocess.Popen([sys.executable, "-m", "orggraph.cli", "serve", "--workers",
                             str(workers)], env=env, stdout=subprocess.DEVNULL,
                            stderr=errors or subprocess.DEVNULL, cwd=checkout)
    for _ in range(100):
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).ok:
                return proc
        except requests.ConnectionError:
            time.sleep(0.2)
    proc.kill()
    raise click.ClickException("the API did not start")


class _Http:
    """A minimal HTTP/1.1 keep-alive client, as ``wrk`` is one: the request's bytes built
    ahead, the answer framed by its Content-Length and not parsed further. Python's
    ``http.client`` spends about 0.6 ms a request parsing the answer's headers, which is the
    client's cost, not the API's (both are timed; see BENCHMARKS.md)."""

    def __init__(self, token: str):
        self.sock = socket.create_connection(("127.0.0.1", PORT))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.auth = f"Authorization: Bearer {token}\r\n".encode()

    def get(self, path: str) -> tuple[bytes, bytes]:
        """(status line, body)."""
        self.sock.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: bench\r\n" +
                          self.auth + b"\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            data += self._recv()
        head, _, body = data.partition(b"\r\n\r\n")
        length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        while len(body) < length:
            body += self._recv()
        return head.split(b"\r\n", 1)[0], body

    def _recv(self) -> bytes:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the API closed the connection")
        return chunk


def _p50s(store, token, targets, key) -> dict:
    """Per target, one API lookup through a minimal HTTP client and one through Python's
    http.client, and the same statement raw through the driver (auto-commit, and through
    ``execute_query`` for reference).

    The two sides take turns going first (API then raw, raw then API, ...): what ran just
    before a call changes its time by up to a fifth (BENCHMARKS.md, "Taking turns"), and in
    a fixed order each side would always follow the same thing. The medians are over both
    orders; each order's ratio is reported too."""
    lean = _Http(token)
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    headers = {"Authorization": f"Bearer {token}"}
    api_t, stdlib_t, raw_t, managed_t = [], [], [], []
    q_list = _statement(store, key)

    def over_http(path):
        body = _lean_lookup(lean, path, api_t)
        t = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        same = response.read()
        stdlib_t.append(time.perf_counter() - t)
        assert response.status == 200 and same == body, same

    def through_driver(page):
        # The floor: the same statement, auto-commit (one round trip), as the API sends it.
        raw_t.append(timed(raw, store, q_list, page)[0])
        t = time.perf_counter()
        store.driver.execute_query(q_list, page, database_=store.database)
        managed_t.append(time.perf_counter() - t)

    for i, value in enumerate(targets):
        page = _page(key, value)
        path = f"/api/v1/pairings?{key}={value}"
        if i % 2 == 0:
            over_http(path)
            through_driver(page)
        else:
            through_driver(page)
            over_http(path)
    a, s, b, m = median(api_t), median(stdlib_t), median(raw_t), median(managed_t)

    def ratio_when(api_first: bool) -> float:
        start = 0 if api_first else 1
        return round(median(api_t[start::2]) / median(raw_t[start::2]), 2)

    return {"samples": len(targets), "api_p50_ms": round(a * 1000, 2),
            "api_http_client_p50_ms": round(s * 1000, 2),
            "raw_p50_ms": round(b * 1000, 2), "raw_execute_query_p50_ms": round(m * 1000, 2),
            "ratio": round(a / b, 2), "ratio_http_client": round(s / b, 2),
            "ratio_api_first": ratio_when(True), "ratio_raw_first": ratio_when(False)}


def _blocks(store, token, targets, key, size: int = BLOCK) -> dict:
    """Per target, one API lookup and the same statement raw, in blocks: ``size`` lookups of
    one side back to back, then the same targets on the other side, the side that goes first
    swapping from block to block.

    This is how each side is used: a client sends the API lookup after lookup, or sends the
    statement to Neo4j statement after statement; nobody alternates the two call by call.
    Taken call by call (``_p50s``), each side runs half the time right after the other.
    Block by block, each side follows itself on all but the first call of a block, and the
    swaps spread the machine's drift over both sides alike."""
    lean = _Http(token)
    q_list = _statement(store, key)
    api_t, raw_t = [], []

    def over_http(value):
        _lean_lookup(lean, f"/api/v1/pairings?{key}={value}", api_t)

    def through_driver(value):
        raw_t.append(timed(raw, store, q_list, _page(key, value))[0])

    for n, start in enumerate(range(0, len(targets), size)):
        block = targets[start:start + size]
        sides = (over_http, through_driver) if n % 2 == 0 else (through_driver, over_http)
        for side in sides:
            for value in block:
                side(value)
    a, b = median(api_t), median(raw_t)
    return {"samples": len(targets), "block": size, "api_p50_ms": round(a * 1000, 2),
            "raw_p50_ms": round(b * 1000, 2), "ratio": round(a / b, 2)}


def _statement(store, key: str) -> str:
    """The statement the API runs for a lookup by ``key``."""
    suffix = "_of_agency" if key == "agency" else ""
    return store.queries[f"pairings/list_pairings{suffix}"]


def _lean_lookup(lean: _Http, path: str, times: list) -> bytes:
    """One lookup through the minimal client, its time added to ``times``; the answer's body."""
    t = time.perf_counter()
    status, body = lean.get(path)
    times.append(time.perf_counter() - t)
    assert status.split()[1] == b"200", body
    return body


def _page(key: str, value: str) -> dict:
    """The parameters the API sends with the lookup's statement for a reader of Putian."""
    return {"prefix": value if key == "community" else "", "scope": "3503",
            "agency": value if key == "agency" else None, "active_on": None,
            "skip": 0, "limit": 50}


def _wrk(token: str, values: list[str], seconds: int, connections: int, key: str = "community",
         **options):
    """Lookups by ``key`` over HTTP, each request the next of ``values`` in turn."""
    return wrk(token, [
        "local codes = {" + ",".join(f'"{c}"' for c in values) + "}",
        "local i = 0",
        "request = function()",
        "  i = i % #codes + 1",
        f'  return wrk.format("GET", "/api/v1/pairings?{key}=" .. codes[i])',
        "end",
    ], seconds, connections, **options)


def _warm_up(store, token, seconds: int, communities, agencies) -> None:
    """Both lookups through the API under load, and their statements through the driver."""
    if seconds <= 0:
        return
    rng = random.Random(0)
    by_agency = _wrk(token, agencies, seconds, 4, "agency", background=True)
    _wrk(token, communities, seconds, 8)
    wrk_result(by_agency)
    deadline = time.perf_counter() + seconds / 3
    while time.perf_counter() < deadline:
        _p50s(store, token, [rng.choice(communities) for _ in range(50)], "community")
        _p50s(store, token, [rng.choice(agencies) for _ in range(50)], "agency")


@click.command()
@click.option("--samples", default=400, show_default=True)
@click.option("--seconds", default=20, show_default=True)
@click.option("--workers", default=2, show_default=True)
@click.option("--connections", default=16, show_default=True)
@click.option("--warmup", default=30, show_default=True,
              help="Seconds of lookups before measuring (0: measure a cold server).")
@click.option("--reload", is_flag=True, help="Wipe the bench server and load Putian first.")
def main(samples, seconds, workers, connections, warmup, reload) -> None:
    inst, store = start_bench(wipe=reload)
    if reload:
        load_seed(store)
    _putian(store)
    token, _ = create_token(store, role="reader", scope="350300", rate_limit=10**9,
                            name="bench")
    records, _, _ = store.driver.execute_query(
        "MATCH (c:Community) RETURN collect(c.code) AS c", database_=store.database)
    communities = records[0]["c"]
    records, _, _ = store.driver.execute_query(
        "MATCH (g:Agency)<-[:ORG_OF]-(:PartyOrg)<-[:AGENCY_ORG]-(:Pairing) "
        "RETURN collect(DISTINCT g.id) AS g", database_=store.database)
    agencies = records[0]["g"]
    rng = random.Random(1)
    server = _serve(inst, workers)
    try:
        _warm_up(store, token, warmup, communities, agencies)
        result = {"machine": machine(), "gunicorn_workers": workers, "warmup_seconds": warmup}
        result["by_community"] = _p50s(store, token, [rng.choice(communities)
                                                      for _ in range(samples)], "community")
        result["by_agency"] = _p50s(store, token, [rng.choice(agencies)
                                                   for _ in range(samples)], "agency")
        for key, values in (("community", communities), ("agency", agencies)):
            result[f"by_{key}"]["blocks"] = _blocks(
                store, token, [rng.choice(values) for _ in range(samples)], key)
        result["throughput"] = _wrk(token, communities, seconds, connections)
    finally:
        server.terminate()
        server.wait()
        store.close()
    report("lookups", result)


if __name__ == "__main__":
    main()
