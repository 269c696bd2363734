"""The ``orggraph`` console script: the local database, the seed, tokens, rosters and
backups, the analyses, the events' sweep, and serving the API. Each module adds its commands
to :data:`~orggraph.cli.base.main`."""

from . import analyze, events, seeding, server, tokens, transfer  # noqa: F401 (commands)
from .base import main, run

__all__ = ["main", "run"]
