"""Relations that hold over a period (pairings, linkages, secondments): reading, ending and
withdrawing one.

Ending sets ``until``; the history stays. Withdrawing removes a record entered in error (one
that never held), its whole content kept in the audit record. Both are guarded by the version
the caller saw (``If-Match``), checked inside the write statement, and audited in the same
transaction. Each locks the record before reading it, so that two changes at once are taken
one after the other and each audit record's "before" is what its change replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import dates
from .audit import record
from .auth import READ_TREE, WRITE_PARTNERS, Caller
from .errors import Conflict, NotFound, PreconditionFailed


@dataclass(frozen=True)
class Kind:
    """A kind of relation: its name (the audit's entity, and the key of the row its ``get``
    statement answers), its statements and where its area code is in a row."""

    name: str
    get: str  # $id, $scope (and any of the kind's own): one row {<name>}, or none
    lock: str  # $id
    set_until: str  # $id, $until, $version?: a row, or none when stale
    delete: str  # $id, $version?: a row, or none when stale
    area_of: Callable[[dict], str]


def get(store, caller: Caller, kind: Kind, rid: str, **params) -> dict:
    """Relation ``rid`` if its area is in the caller's scope; else 404."""
    caller.require(READ_TREE)
    row = store.read_one(kind.get, id=rid, scope=caller.scope.prefix, **params)
    if row is None:
        raise NotFound(f"no {kind.name} {rid}")
    return row[kind.name]


def end(store, caller: Caller, kind: Kind, rid: str, until, *, version: int | None,
        get_params: dict | None = None) -> dict:
    """End relation ``rid`` on ``until``."""
    caller.require(WRITE_PARTNERS)
    until = dates.parse(until, "until")
    extra = get_params or {}

    def work(tx):
        before = locked(tx, caller, kind, rid, **extra)
        if before["until"] is not None and before["until"] <= until:
            raise Conflict(f"{kind.name} {rid} already ended on {before['until']}")
        dates.check_period(before["since"], until)
        require_current(tx.one(kind.set_until, id=rid, until=until, version=version),
                        kind.name, rid, before)
        after = tx.one(kind.get, id=rid, scope="", **extra)[kind.name]
        record(tx, caller, "end", kind.name, rid, kind.area_of(before), before, after)
        return after

    return store.transact(work)


def withdraw(store, caller: Caller, kind: Kind, rid: str, *, version: int | None,
             get_params: dict | None = None) -> dict:
    """Remove relation ``rid``, entered in error; the audit record keeps what it was. Answers
    that content."""
    caller.require(WRITE_PARTNERS)
    extra = get_params or {}

    def work(tx):
        before = locked(tx, caller, kind, rid, **extra)
        require_current(tx.one(kind.delete, id=rid, version=version), kind.name, rid, before)
        record(tx, caller, "withdraw", kind.name, rid, kind.area_of(before), before, None)
        return before

    return store.transact(work)


def locked(tx, caller: Caller, kind: Kind, rid: str, **params) -> dict:
    """Relation ``rid`` in the caller's scope, read once this transaction holds its lock; else
    404 (a record out of scope is locked only for as long as it takes to say so)."""
    tx.one(kind.lock, id=rid)
    row = tx.one(kind.get, id=rid, scope=caller.scope.prefix, **params)
    if row is None:
        raise NotFound(f"no {kind.name} {rid}")
    return row[kind.name]


def require_current(row: dict | None, entity: str, rid: str, before: dict) -> None:
    """A guarded write answers no row when the version the caller saw is no longer current."""
    if row is None:
        raise PreconditionFailed(f"{entity} {rid} changed since you read it (now version "
                                 f"{before['version']}); read it again")
