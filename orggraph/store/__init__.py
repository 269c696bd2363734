"""The database adapter: the only package that imports the ``neo4j`` driver."""

from .driver import Store, connection, translated_errors

__all__ = ["Store", "connection", "translated_errors"]
