"""gunicorn's threaded worker, answering a client's next request on the thread that answered
its last.

gunicorn's ``gthread`` worker hands a kept-alive connection back to its main thread after every
request: the main thread puts it in its poller, wakes when the next request arrives and passes
the connection to a pool thread again. Each hand-over wakes a thread, and on a virtual machine
waking a thread costs about as much as parsing the request (a trivial WSGI app: 0.33 ms a
request over a kept-alive connection under ``gthread``, 0.21 ms with this worker; the lookups'
figures are in BENCHMARKS.md). Here the thread that answered waits a moment on the connection
for the next request and answers it itself; a connection quiet for longer goes back to the
poller as in ``gthread``, until its keep-alive timeout. At most half the pool waits like this,
so the other half is always free for requests on other connections.

A thread keeps its connection only while no other connection waits for a thread: a client
sending its next request within the wait would otherwise keep its thread forever, and under a
load of as many busy connections as threads a new one waited until the load stopped (15 s, the
length of a benchmark's run, for one ``POST /events``; BENCHMARKS.md).
"""

from __future__ import annotations

import selectors
import threading

from gunicorn.workers.gthread import ThreadWorker

# Clients that call the API in a loop send their next request within a few milliseconds.
LINGER_SECONDS = 0.05


class KeepAliveWorker(ThreadWorker):
    """``gthread``, with a short wait on each kept-alive connection before it goes back to the
    poller (``orggraph serve``'s default worker class)."""

    def init_process(self):
        self._lingering = 0
        self._waiting = 0  # connections handed to the pool, not yet on a thread
        self._linger_lock = threading.Lock()
        self._linger_cap = self.cfg.threads // 2
        super().init_process()

    def enqueue_req(self, conn):
        with self._linger_lock:
            self._waiting += 1
        super().enqueue_req(conn)

    def handle(self, conn):
        with self._linger_lock:
            self._waiting -= 1
        while True:
            keep = super().handle(conn)
            # Anything but "keep the connection" (closed, deferred, HTTP/2), a request already
            # read into the buffer, or a worker stopping goes the usual way; so does a
            # connection when another waits for a thread (_next_request_arrives).
            if keep is not True or conn.parser.unreader.buf.getvalue() or not self.alive:
                return keep
            if not self._next_request_arrives(conn):
                return keep

    def _next_request_arrives(self, conn) -> bool:
        with self._linger_lock:
            if self._lingering >= self._linger_cap or self._waiting:
                return False
            self._lingering += 1
        try:
            with selectors.DefaultSelector() as sel:
                sel.register(conn.sock, selectors.EVENT_READ)
                return bool(sel.select(LINGER_SECONDS))
        finally:
            with self._linger_lock:
                self._lingering -= 1
