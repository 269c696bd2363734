"""Provision, start and stop a real local Neo4j Community server, assembled from Maven Central.

Layout under the project's git-ignored ``.neo4j/`` folder::

    .neo4j/lib/                      server jars, shared by every instance (built once by Maven)
    .neo4j/instances/<name>/         one server: conf/, data/, logs/, plugins/, password, pid

The ``run`` instance serves ``make run``; the ``test`` instance (another port and data folder)
serves the test suite, so tests never touch the data people work with.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import OrggraphError

NEO4J_VERSION = "5.26.30"
MAVEN_TIMEOUT_S = 1200  # a first fetch takes one to three minutes here
DEFAULT_PORTS = {"run": 7687, "test": 7688}
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"

_JVM_FLAGS = [
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED", "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
]


class LocalDbError(OrggraphError):
    """The local server could not be provisioned or started; the message says what to do."""


@dataclass(frozen=True)
class Instance:
    home: Path
    name: str = "run"
    port: int | None = None
    heap: str = os.environ.get("ORGGRAPH_NEO4J_HEAP", "1g")
    pagecache: str = os.environ.get("ORGGRAPH_NEO4J_PAGECACHE", "512m")
    # Neo4j keeps two days of transaction logs by default: 14 GB on the bench server after a
    # day of benchmarks. Recovery needs only the logs since the last checkpoint, and backups
    # here are dumps (orggraph backup), so the local servers keep a bounded amount.
    tx_logs: str = os.environ.get("ORGGRAPH_NEO4J_TX_LOGS", "1G size")

    @property
    def bolt_port(self) -> int:
        if self.port:
            return self.port
        env = os.environ.get("ORGGRAPH_BOLT_PORT")
        return int(env) if env else DEFAULT_PORTS.get(self.name, 7689)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def dir(self) -> Path:
        return self.home / "instances" / self.name

    @property
    def lib(self) -> Path:
        return self.home / "lib"

    @property
    def password_file(self) -> Path:
        return self.dir / "password"

    @property
    def pid_file(self) -> Path:
        return self.dir / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.dir / "logs" / "console.log"

    def password(self) -> str | None:
        return self.password_file.read_text().strip() if self.password_file.exists() else None

    # -- lifecycle -------------------------------------------------------------------------

    def pid(self) -> int | None:
        """The server's pid if its process is alive."""
        try:
            pid = int(self.pid_file.read_text())
            os.kill(pid, 0)
        except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
            return None
        return pid

    def status(self) -> dict:
        pid = self.pid()
        return {"instance": self.name, "uri": self.uri, "pid": pid, "running": pid is not None,
                "bolt": _port_open(self.bolt_port), "home": str(self.dir)}

    def start(self, timeout: float = 180.0, echo=print) -> str:
        """Provision if needed and start the server; return once Bolt answers. Idempotent."""
        if self.pid() is not None:
            _wait_for_bolt(self, timeout, echo)
            return "already running"
        if _port_open(self.bolt_port):
            raise LocalDbError(
                f"port {self.bolt_port} is taken by another program; stop it, or set "
                f"ORGGRAPH_BOLT_PORT to a free port, or NEO4J_URI to use that server")
        java = _require("java", "Java 17 is needed to run the local Neo4j "
                        "(apt-get install openjdk-17-jre-headless), or set NEO4J_URI")
        provision(self.home, echo)
        self._configure(java)
        log = open(self.console_log, "ab")
        proc = subprocess.Popen(
            [java, f"-Xms{self.heap}", f"-Xmx{self.heap}", *_JVM_FLAGS, "-cp", f"{self.lib}/*",
             MAIN_CLASS, f"--home-dir={self.dir}", f"--config-dir={self.dir / 'conf'}",
             "--console-mode"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        self.pid_file.write_text(str(proc.pid))
        echo(f"starting Neo4j {NEO4J_VERSION} ({self.name}) on {self.uri} ...")
        _wait_for_bolt(self, timeout, echo, proc)
        return "started"

    def stop(self, timeout: float = 60.0, sig: int = signal.SIGTERM) -> str:
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return "not running"
        os.killpg(pid, sig)
        deadline = time.monotonic() + timeout
        while self.pid() is not None and time.monotonic() < deadline:
            _reap(pid)
            time.sleep(0.2)
        if self.pid() is not None:
            os.killpg(pid, signal.SIGKILL)
            while self.pid() is not None:
                _reap(pid)
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return "stopped"

    def wipe(self, database: str = "neo4j", echo=print) -> None:
        """Stop, delete one database's store files (users and passwords stay), start again:
        an empty database in seconds, for benchmarks and restore drills."""
        self.stop()
        for sub in ("databases", "transactions"):
            shutil.rmtree(self.dir / "data" / sub / database, ignore_errors=True)
        self.start(echo=echo)

    def kill(self) -> str:
        """SIGKILL the server, as a crash would; for reliability tests."""
        return self.stop(timeout=10.0, sig=signal.SIGKILL)

    def _configure(self, java: str) -> None:
        for sub in ("conf", "data", "logs", "plugins"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        conf = "\n".join([
            "server.default_listen_address=127.0.0.1",
            "server.bolt.enabled=true",
            f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{self.bolt_port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            f"server.directories.data={self.dir / 'data'}",
            f"server.directories.logs={self.dir / 'logs'}",
            f"server.directories.plugins={self.dir / 'plugins'}",
            f"server.memory.pagecache.size={self.pagecache}",
            f"db.tx_log.rotation.retention_policy={self.tx_logs}",
            "db.transaction.timeout=120s",
            "dbms.usage_report.enabled=false",
            "",
        ])
        (self.dir / "conf" / "neo4j.conf").write_text(conf)
        if self.password_file.exists():
            return
        # The initial password can only be set before the first start: a new data folder.
        # Hex, not url-safe base64: a password starting with '-' reads as an option to the
        # admin tool, which then refuses the command for want of a password.
        password = secrets.token_hex(16)
        env = dict(os.environ, NEO4J_HOME=str(self.dir), NEO4J_CONF=str(self.dir / "conf"))
        try:
            done = subprocess.run(
                [java, "-cp", f"{self.lib}/*", "org.neo4j.cli.AdminTool", "dbms",
                 "set-initial-password", password], env=env, capture_output=True, text=True,
                timeout=300)
        except subprocess.TimeoutExpired as e:
            raise LocalDbError("setting the initial password took over 300 s") from e
        if done.returncode != 0:
            raise LocalDbError(f"could not set the initial password: {done.stderr or done.stdout}")
        self.password_file.touch(mode=0o600)
        self.password_file.write_text(password + "\n")


def provision(home: Path, echo=print) -> Path:
    """Assemble the server's jars into ``home/lib`` with Maven, once per version."""
    lib = home / "lib"
    marker = lib / f".complete-{NEO4J_VERSION}"
    if marker.exists():
        return lib
    mvn = _require("mvn", "Maven is needed once, to fetch Neo4j from Maven Central "
                   "(apt-get install maven), or set NEO4J_URI to an existing server")
    build = home / "build"
    build.mkdir(parents=True, exist_ok=True)
    pom = resources.files("orggraph.store").joinpath("neo4j-pom.xml").read_text()
    (build / "pom.xml").write_text(pom.replace("@NEO4J_VERSION@", NEO4J_VERSION))
    if lib.exists():
        shutil.rmtree(lib)  # a half-finished or older set of jars
    echo(f"fetching Neo4j Community {NEO4J_VERSION} from Maven Central into {lib} ...")
    try:
        # Bounded, so that a registry that stops answering fails the set-up with a message
        # instead of holding it (and a CI run) forever.
        done = subprocess.run([mvn, "-q", "-B", "package", f"-Dlib.dir={lib}"], cwd=build,
                              capture_output=True, text=True, timeout=MAVEN_TIMEOUT_S)
    except subprocess.TimeoutExpired as e:
        raise LocalDbError(f"Maven did not finish fetching Neo4j within {MAVEN_TIMEOUT_S} s; "
                           "check that Maven Central is reachable and try again") from e
    if done.returncode != 0:
        raise LocalDbError("Maven could not fetch Neo4j:\n" + (done.stdout + done.stderr)[-3000:])
    marker.touch()
    return lib


def _require(program: str, advice: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise LocalDbError(f"{program} not found. {advice}")
    return path


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _wait_for_bolt(inst: Instance, timeout: float, echo, proc: subprocess.Popen | None = None):
    from .driver import wait_until_ready  # the neo4j import stays inside the store package

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            tail = inst.console_log.read_text(errors="replace")[-3000:]
            raise LocalDbError(f"Neo4j exited at start (code {proc.returncode}):\n{tail}")
        if _port_open(inst.bolt_port) and wait_until_ready(inst.uri, "neo4j", inst.password(), 5):
            return
        time.sleep(0.5)
    raise LocalDbError(f"Neo4j did not answer on {inst.uri} within {timeout:.0f} s; "
                       f"see {inst.console_log}")
