"""The API as `orggraph serve` runs it: gunicorn with orggraph's keep-alive worker.

The other API tests run the app under werkzeug's server; these check what the production
worker adds: several requests on one kept-alive connection, a connection that went quiet and
came back, more busy connections than threads, an access log, a clean stop.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests

from orggraph.http_worker import LINGER_SECONDS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Connection:
    """One kept-alive HTTP/1.1 connection, requests sent and answers read by hand, so that the
    test knows every answer came over this very socket."""

    def __init__(self, port: int, token: str):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.token = token
        self.buffer = b""

    def get(self, path: str) -> tuple[int, bytes]:
        return self.send("GET", path)

    def send(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        length = f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n" \
            if body else ""
        self.sock.sendall(f"{method} {path} HTTP/1.1\r\nHost: test\r\n{length}"
                          f"Authorization: Bearer {self.token}\r\n\r\n".encode() + body)
        while b"\r\n\r\n" not in self.buffer:
            self._read()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        length = next(int(v) for k, _, v in (line.partition(b":") for line in lines[1:])
                      if k.strip().lower() == b"content-length")
        while len(rest) < length:
            self.buffer = head + b"\r\n\r\n" + rest
            self._read()
            head, _, rest = self.buffer.partition(b"\r\n\r\n")
        self.buffer = rest[length:]
        assert b"connection: close" not in head.lower(), head
        return int(lines[0].split()[1]), rest[:length]

    def _read(self) -> None:
        chunk = self.sock.recv(65536)
        assert chunk, "the server closed a kept-alive connection"
        self.buffer += chunk

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="module")
def served(settings, seeded, tmp_path_factory):
    """`orggraph serve` on a free port: one worker of two threads, so that a few connections
    are already more than its threads."""
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "access.log"
    # Where gunicorn would put its control socket; the server must leave it empty.
    runtime = tmp_path_factory.mktemp("runtime")
    env = dict(os.environ, ORGGRAPH_PORT=str(port), ORGGRAPH_THREADS="2",
               ORGGRAPH_ACCESS_LOG=str(log), XDG_RUNTIME_DIR=str(runtime))
    if settings.neo4j_uri:
        env.update(NEO4J_URI=settings.neo4j_uri, NEO4J_PASSWORD=settings.neo4j_password or "")
    else:
        env.update(ORGGRAPH_INSTANCE=settings.instance)
        env.pop("NEO4J_URI", None)
    errors = log.with_name("error.log")  # gunicorn's own log, the workers' warm-up in it
    stderr = errors.open("w")
    proc = subprocess.Popen([sys.executable, "-m", "orggraph.cli", "serve", "--workers", "1"],
                            env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"orggraph serve did not start: {errors.read_text()[-2000:]}")
        time.sleep(0.2)
    yield proc, port, log, runtime
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    stderr.close()


def test_many_requests_on_one_connection(served, tokens):
    _, port, _, _ = served
    conn = Connection(port, tokens["reader"])
    try:
        answers = [conn.get(f"/api/v1/pairings?community={code}")
                   for code in ["350302003001", "350302003002", "350304001001"] * 10]
    finally:
        conn.close()
    assert [status for status, _ in answers] == [200] * 30
    assert answers[0][1] == answers[3][1] and answers[0][1] != answers[1][1]


def test_a_large_body_answered_unread_leaves_the_connection_kept_alive(served, tokens):
    """A request refused before its body is read (no If-Match: 428; a bad token: 401) leaves
    the body on the socket. gunicorn drains 64 KB of it at most and closed the connection past
    that, after saying it kept it: the client's next request failed."""
    _, port, _, _ = served
    conn = Connection(port, tokens["admin"])
    body = b'{"note": "' + b"x" * 300_000 + b'"}'
    try:
        assert conn.send("DELETE", "/api/v1/pairings/no-such", body)[0] == 428
        assert conn.send("POST", "/api/v1/pairings/no-such/end", body)[0] in (404, 422)
        status, _ = conn.get("/api/v1/me")
    finally:
        conn.close()
    assert status == 200


def test_an_export_is_sent_as_it_is_read_and_the_connection_kept(served, tokens):
    """A CSV export goes out in chunks as its rows are read (no length known ahead); the
    connection it came over still serves the next request."""
    _, port, _, _ = served
    with requests.Session() as client:
        client.headers["Authorization"] = f"Bearer {tokens['admin']}"
        url = f"http://127.0.0.1:{port}/api/v1/events"
        total = client.get(url, params={"within": "350302", "page_size": 1}).json()["total"]
        export = client.get(url, params={"within": "350302", "format": "csv"}, timeout=60)
        assert export.status_code == 200
        assert export.headers.get("Transfer-Encoding") == "chunked"
        assert "Content-Length" not in export.headers
        assert export.content.decode("utf-8-sig").count("\r\n") == total + 1 > 2001
        assert client.get(f"http://127.0.0.1:{port}/api/v1/me").ok


def test_a_connection_quiet_for_a_while_is_still_served(served, tokens):
    """Past the thread's wait, the connection is back with gunicorn's poller, and its next
    request is answered from there."""
    _, port, _, _ = served
    conn = Connection(port, tokens["reader"])
    try:
        assert conn.get("/api/v1/me")[0] == 200
        time.sleep(LINGER_SECONDS * 6)
        status, body = conn.get("/api/v1/me")
    finally:
        conn.close()
    assert status == 200 and b'"role":"reader"' in body.replace(b" ", b"")


def test_more_connections_than_threads(served, tokens):
    """Six clients, each in a loop on its own connection, against two threads: the threads
    that wait on a connection never take all of them, so every client gets all its answers."""
    _, port, _, _ = served
    results: dict[int, list[int]] = {}

    def client(i: int) -> None:
        conn = Connection(port, tokens["reader"])
        try:
            results[i] = [conn.get("/api/v1/areas/350302003")[0] for _ in range(15)]
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert results == {i: [200] * 15 for i in range(6)}


def test_a_new_connection_is_served_while_busy_ones_keep_every_thread(served, tokens):
    """As many clients as threads, each sending its next request at once, keep the threads
    busy without a pause; a new client's request is answered soon after the requests in hand
    (3 answers of theirs came first in a trial), and while they go on, not only once they stop
    (by themselves after 30 s). With two threads, at most one of which waits on its
    connection, the worker before the rule mostly served it within a few dozen answers too
    (34, then at most 10, in two trials): this checks the rule's liveness, while the starvation it
    mends shows under load (``python -m bench.group_commit --trace``)."""
    _, port, _, _ = served
    stop, busy_answers = threading.Event(), []

    def busy() -> None:
        conn = Connection(port, tokens["reader"])
        try:
            deadline = time.monotonic() + 30
            while not stop.is_set() and time.monotonic() < deadline:
                busy_answers.append(conn.get("/api/v1/areas/350302003")[0])
        finally:
            conn.close()

    clients = [threading.Thread(target=busy) for _ in range(2)]  # the fixture's two threads
    for c in clients:
        c.start()
    while len(busy_answers) < 20:  # both threads taken, and kept
        time.sleep(0.01)
    late = Connection(port, tokens["reader"])
    try:
        before = len(busy_answers)
        status, _ = late.get("/api/v1/areas/350302003")
        meanwhile = len(busy_answers) - before
        still_busy = all(c.is_alive() for c in clients)
    finally:
        stop.set()
        late.close()
        for c in clients:
            c.join(timeout=60)
    assert status == 200
    assert meanwhile <= 10, f"the busy connections had {meanwhile} answers first"
    assert still_busy, "the new connection was answered only once the busy ones stopped"
    assert set(busy_answers) == {200}


def test_requests_are_in_the_access_log(served, tokens):
    _, port, log, _ = served
    conn = Connection(port, tokens["reader"])
    try:
        assert conn.get("/api/v1/areas/350302003?probe=access-log")[0] == 200
    finally:
        conn.close()
    deadline = time.monotonic() + 10
    while "probe=access-log" not in log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "no access-log line for the request"
        time.sleep(0.1)
    line = next(x for x in log.read_text(encoding="utf-8").splitlines()
                if "probe=access-log" in x)
    assert '"GET /api/v1/areas/350302003?probe=access-log HTTP/1.1" 200' in line


def test_a_worker_prepares_the_analyses_of_the_graphs_city_as_it_starts(served, tokens):
    _, port, log, _ = served
    errors = log.with_name("error.log")
    deadline = time.monotonic() + 60
    while "warm-up:" not in errors.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, errors.read_text(encoding="utf-8")[-2000:]
        time.sleep(0.2)
    line = next(x for x in errors.read_text(encoding="utf-8").splitlines() if "warm-up:" in x)
    assert "[INFO] warm-up: the analyses of 350300 ready (" in line, line
    gaps = requests.get(f"http://127.0.0.1:{port}/api/v1/analyses/coverage-gaps",
                        headers={"Authorization": f"Bearer {tokens['analyst']}"}, timeout=60)
    assert gaps.status_code == 200 and gaps.json()["total"] > 0


def test_no_control_socket_is_left_for_another_server_to_take(served):
    """gunicorn would open one at the same path for every server a user runs; the fixture
    has seen this one answer, so it would be there by now."""
    assert list(served[3].iterdir()) == []


def test_stops_on_sigterm_with_a_connection_open(served, tokens):
    """Runs last in this module: the server stops cleanly while a client holds a kept-alive
    connection."""
    proc, port, _, _ = served
    conn = Connection(port, tokens["reader"])
    try:
        assert conn.get("/api/v1/me")[0] == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        conn.close()
