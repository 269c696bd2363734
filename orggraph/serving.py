"""Serving the API: gunicorn in production, Flask's server for development."""

from __future__ import annotations

import os

from .config import Settings


def serve(settings: Settings, *, host: str, port: int, workers: int = 2,
          dev: bool = False) -> None:
    from api import create_app, warming

    if dev:
        create_app(settings).run(host=host, port=port)
        return
    from gunicorn.app.base import BaseApplication

    class App(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            # A request mostly waits on Neo4j: 16 threads per worker keep the database busy
            # (event writes went from 152/s with 4 to 313/s with 16; see BENCHMARKS.md).
            self.cfg.set("threads", int(os.environ.get("ORGGRAPH_THREADS", "16")))
            self.cfg.set("worker_class", os.environ.get("ORGGRAPH_WORKER_CLASS",
                                                        "orggraph.http_worker.KeepAliveWorker"))
            self.cfg.set("accesslog", os.environ.get("ORGGRAPH_ACCESS_LOG", "-") or None)
            self.cfg.set("timeout", 120)
            # The workers' heartbeat touches a file on every turn of their loop; kept in
            # memory, it cannot stall behind the disk Neo4j writes its logs to (gunicorn's
            # own advice for containers).
            if os.path.isdir("/dev/shm"):
                self.cfg.set("worker_tmp_dir", "/dev/shm")
            # gunicorn's control socket sits at one path per user ($HOME/.gunicorn): a second
            # server (``make run`` beside ``make bench``, two checkouts) takes it over, and the
            # first to stop deletes it. Nothing here uses it; stop and start the server instead.
            self.cfg.set("control_socket_disable", True)

        def load(self):
            # Called in each worker after the fork: every worker gets its own driver, and
            # prepares its own analyses.
            app = create_app(settings)
            warming.start(app)
            return app

    App().run()
