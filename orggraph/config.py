"""Settings from the environment, read once by each entry point and passed down.

Nothing here talks to the database; ``NEO4J_URI`` unset means "use the local server the project
provisions" (see :mod:`orggraph.store.localdb`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .codes import check
from .errors import InvalidInput

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str = "neo4j"
    secret: str | None = None
    host: str = "127.0.0.1"
    port: int = 5000
    # Where the local Neo4j is provisioned and which instance ("run" or "test") to use.
    home: Path = PROJECT_ROOT / ".neo4j"
    instance: str = "run"
    # A request should fail fast with 503 when the database is gone, not retry for 30 s.
    request_retry_seconds: float = 3.0
    # The same-day rule (see orggraph.workflow.Policy and docs/events.md).
    same_day_cutoff_hour: int = 18
    agency_days: int = 5
    sweep_policy: str = "flag"
    # Events collected one by one are written together when they arrive during another's
    # commit, up to this many to a transaction (1: each alone). See orggraph.grouping.
    event_group_max: int = 64
    # Origins whose web pages may call the API (CORS); none by default.
    cors_origins: tuple[str, ...] = ()
    # The areas whose analyses a server's workers prepare as they start (see api/warming.py);
    # None: the city, when the graph holds one city.
    warm: tuple[str, ...] | None = None

    @classmethod
    def from_env(cls, env: os._Environ | dict | None = None, **overrides) -> Settings:
        env = os.environ if env is None else env
        values = dict(
            neo4j_uri=env.get("NEO4J_URI") or None,
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD") or None,
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            secret=env.get("ORGGRAPH_SECRET") or None,
            host=env.get("ORGGRAPH_HOST", "127.0.0.1"),
            port=_int(env.get("ORGGRAPH_PORT"), 5000, "ORGGRAPH_PORT"),
            home=Path(env.get("ORGGRAPH_HOME") or PROJECT_ROOT / ".neo4j"),
            instance=env.get("ORGGRAPH_INSTANCE", "run"),
            same_day_cutoff_hour=_int(env.get("ORGGRAPH_SAME_DAY_CUTOFF"), 18,
                                      "ORGGRAPH_SAME_DAY_CUTOFF"),
            agency_days=_int(env.get("ORGGRAPH_AGENCY_DAYS"), 5, "ORGGRAPH_AGENCY_DAYS"),
            sweep_policy=env.get("ORGGRAPH_SWEEP_POLICY", "flag"),
            event_group_max=_int(env.get("ORGGRAPH_EVENT_GROUP_MAX"), 64,
                                 "ORGGRAPH_EVENT_GROUP_MAX"),
            cors_origins=tuple(o.strip().rstrip("/") for o in
                               env.get("ORGGRAPH_CORS_ORIGINS", "").split(",") if o.strip()),
            warm=_areas(env.get("ORGGRAPH_WARM"), "ORGGRAPH_WARM"),
        )
        values.update(overrides)
        return cls(**values)


def _int(raw: str | None, default: int, name: str) -> int:
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from None


def _areas(raw: str | None, name: str) -> tuple[str, ...] | None:
    """Area codes separated by commas; unset or empty: None (the default); ``none``: ()."""
    if raw is None or not raw.strip():
        return None
    if raw.strip().lower() == "none":
        return ()
    areas = tuple(c.strip() for c in raw.split(",") if c.strip())
    for code in areas:
        try:
            check(code, name)
        except InvalidInput as e:
            raise SystemExit(f"{name}: {e}") from None
    return areas
