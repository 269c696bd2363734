"""The one place that holds a Neo4j driver: connection, reads, writes and error translation."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as nx

from ..config import Settings
from ..errors import Conflict, Unavailable
from ..queries import Catalogue
from .localdb import Instance

log = logging.getLogger(__name__)


def connection(settings: Settings) -> tuple[str, str, str | None]:
    """(uri, user, password): ``NEO4J_URI`` if set, else the project's local server."""
    if settings.neo4j_uri:
        return settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
    inst = Instance(settings.home, settings.instance)
    return inst.uri, "neo4j", settings.neo4j_password or inst.password()


@contextmanager
def translated_errors() -> Iterator[None]:
    """Turn 'the database is not there' into :class:`Unavailable`, whatever the driver says."""
    try:
        yield
    except nx.AuthError as e:
        raise Unavailable("Neo4j refused the credentials; check NEO4J_USER/NEO4J_PASSWORD") from e
    except (nx.ServiceUnavailable, nx.SessionExpired, nx.IncompleteCommit, OSError) as e:
        raise Unavailable("Neo4j cannot be reached right now; try again shortly") from e
    except nx.TransientError as e:
        raise Unavailable(f"Neo4j is busy ({e.code}); try again shortly") from e
    except nx.DatabaseUnavailable as e:
        raise Unavailable("the Neo4j database is not available; try again shortly") from e
    except nx.ConstraintError as e:
        raise Conflict("that would duplicate something already stored") from e


class Tx:
    """A managed transaction seen through the catalogue: statements by name, rows as dicts.

    Domain code receives one of these from :meth:`Store.transact`; raising inside rolls the
    whole transaction back, so a refused change leaves nothing behind.
    """

    def __init__(self, tx: neo4j.ManagedTransaction, queries: Catalogue):
        self._tx = tx
        self._queries = queries

    def all(self, name: str, /, **params: Any) -> list[dict]:
        return [dict(r) for r in self._tx.run(self._queries[name], params)]

    def one(self, name: str, /, **params: Any) -> dict | None:
        rows = self.all(name, **params)
        return rows[0] if rows else None


class Store:
    """Runs catalogue statements by name against one database through one driver."""

    def __init__(self, driver: neo4j.Driver, database: str, queries: Catalogue):
        self.driver = driver
        self.database = database
        self.queries = queries

    @classmethod
    def open(cls, settings: Settings, *, for_requests: bool = False,
             queries: Catalogue | None = None) -> Store:
        uri, user, password = connection(settings)
        options: dict[str, Any] = {"notifications_min_severity": "OFF", "user_agent": "orggraph"}
        if for_requests:
            # Answer 503 within seconds when the database is gone instead of retrying for 30 s.
            # The driver starts another retry while under the retry time, backing off 1, 2, then
            # 4 s (±20 %) by default: a write could wait up to about 7 s before its 503 (6.1 s of
            # waits seen in a test's outage). From 0.25 s (the driver's own setting, pinned with
            # it) the waits are 0.25, 0.5, 1 and 2 s, about 4.5 s at most. An event queued
            # behind another group waits at most this retry time more (orggraph.grouping).
            options.update(max_transaction_retry_time=settings.request_retry_seconds,
                           initial_retry_delay=0.25,
                           connection_timeout=3.0, connection_acquisition_timeout=5.0)
        driver = GraphDatabase.driver(uri, auth=(user, password or ""), **options)
        return cls(driver, settings.neo4j_database, queries or Catalogue.load())

    def close(self) -> None:
        self.driver.close()

    def read(self, name: str, /, **params: Any) -> list[dict]:
        """Rows of a read statement, as dicts, routed to readers on a cluster.

        Reads run as auto-commit transactions: one round trip (RUN and PULL) instead of the
        managed transaction's BEGIN/RUN/PULL/COMMIT. They are not retried; a transient
        failure reaches the caller as :class:`Unavailable` (503, Retry-After).
        """
        with translated_errors(), self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            # dict(record), not record.data(): values are plain maps and lists already, and
            # data() walks big nested lists again (a second on the analysis projection).
            return [dict(r) for r in session.run(self.queries[name], params)]

    def read_one(self, name: str, /, **params: Any) -> dict | None:
        rows = self.read(name, **params)
        return rows[0] if rows else None

    def stream(self, name: str, /, **params: Any) -> Iterator[dict]:
        """Rows of a read statement one at a time, for results too big to hold (backups)."""
        with translated_errors(), self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS,
                fetch_size=5000) as session:
            for record in session.run(self.queries[name], params):
                yield dict(record)

    def run_auto(self, name: str, /, **params: Any) -> None:
        """Run a statement in its own auto-commit transaction: schema statements, and those
        that batch themselves with ``CALL {…} IN TRANSACTIONS``."""
        with translated_errors(), self.driver.session(database=self.database) as session:
            session.run(self.queries[name], params).consume()

    def write(self, name: str, /, **params: Any) -> dict:
        """Run a write statement in a managed transaction (retried on transient failures, so
        the statement must be idempotent). Returns the summary counters."""
        query = self.queries[name]

        def work(tx: neo4j.ManagedTransaction) -> dict:
            return tx.run(query, params).consume().counters.__dict__

        return self.execute_write(work)

    def transact(self, fn: Callable[[Tx], Any]) -> Any:
        """Run ``fn`` in one write transaction (retried whole on transient failures)."""
        return self.execute_write(lambda tx: fn(Tx(tx, self.queries)))

    def execute_write(self, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        with translated_errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def run_schema(self, name: str) -> None:
        """Schema statements run in their own auto-commit transaction."""
        self.run_auto(name)

    def ping(self) -> bool:
        try:
            with translated_errors():
                self.driver.verify_connectivity()
            return True
        except Unavailable:
            return False


def wait_until_ready(uri: str, user: str, password: str | None, timeout: float) -> bool:
    """True once a fresh driver can open a session and run a statement."""
    try:
        with GraphDatabase.driver(uri, auth=(user, password or ""), connection_timeout=timeout,
                                  notifications_min_severity="OFF") as driver:
            driver.execute_query("RETURN 1", database_="neo4j")
        return True
    except (nx.Neo4jError, nx.DriverError, OSError):
        return False
