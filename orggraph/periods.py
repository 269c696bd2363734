"""Relations that hold over a period (pairings, linkages, secondments): reading, ending and
withdrawing one.

Ending sets ``until``; the history stays. Withdrawing removes a record entered in error (one
that never held), its whole content kept in the audit record. Both are guarded by the version
the caller saw (``If-Match``), checked inside the write statement, and audited in the same
transaction. Each locks the record before reading it, so that two changes at once are taken
one after the other and each audit record's "before" is what its change replaced.

A kind's statements are named after it: ``<kind>s/get_<kind>``, ``lock_<kind>``,
``set_<kind>_until`` and ``delete_<kind>`` (``pairings/get_pairing``, ...).
"""

from __future__ import annotations

from . import dates
from .audit import record
from .auth import READ_TREE, WRITE_PARTNERS, Caller
from .errors import Conflict, NotFound, PreconditionFailed


def get(store, caller: Caller, entity: str, rid: str, **params) -> dict:
    """Relation ``rid`` of kind ``entity`` if its area is in the caller's scope; else 404."""
    caller.require(READ_TREE)
    row = store.read_one(f"{entity}s/get_{entity}", id=rid, scope=caller.scope.prefix, **params)
    if row is None:
        raise NotFound(f"no {entity} {rid}")
    return row[entity]


def end(store, caller: Caller, entity: str, rid: str, until, *, version: int | None,
        area_of, get_params: dict | None = None) -> dict:
    """End relation ``rid`` of kind ``entity`` on ``until``; ``area_of(row)`` is its area code."""
    caller.require(WRITE_PARTNERS)
    until = dates.parse(until, "until")
    extra = get_params or {}

    def work(tx):
        before = locked(tx, caller, entity, rid, **extra)
        if before["until"] is not None and before["until"] <= until:
            raise Conflict(f"{entity} {rid} already ended on {before['until']}")
        dates.check_period(before["since"], until)
        require_current(tx.one(f"{entity}s/set_{entity}_until", id=rid, until=until,
                               version=version), entity, rid, before)
        after = tx.one(f"{entity}s/get_{entity}", id=rid, scope="", **extra)[entity]
        record(tx, caller, "end", entity, rid, area_of(before), before, after)
        return after

    return store.transact(work)


def withdraw(store, caller: Caller, entity: str, rid: str, *, version: int | None, area_of,
             get_params: dict | None = None) -> dict:
    """Remove relation ``rid``, entered in error; the audit record keeps what it was. Answers
    that content."""
    caller.require(WRITE_PARTNERS)
    extra = get_params or {}

    def work(tx):
        before = locked(tx, caller, entity, rid, **extra)
        require_current(tx.one(f"{entity}s/delete_{entity}", id=rid, version=version), entity,
                        rid, before)
        record(tx, caller, "withdraw", entity, rid, area_of(before), before, None)
        return before

    return store.transact(work)


def locked(tx, caller: Caller, entity: str, rid: str, **params) -> dict:
    """Relation ``rid`` in the caller's scope, read once this transaction holds its lock; else
    404 (a record out of scope is locked only for as long as it takes to say so)."""
    tx.one(f"{entity}s/lock_{entity}", id=rid)
    row = tx.one(f"{entity}s/get_{entity}", id=rid, scope=caller.scope.prefix, **params)
    if row is None:
        raise NotFound(f"no {entity} {rid}")
    return row[entity]


def require_current(row: dict | None, entity: str, rid: str, before: dict) -> None:
    """A guarded write answers no row when the version the caller saw is no longer current."""
    if row is None:
        raise PreconditionFailed(f"{entity} {rid} changed since you read it (now version "
                                 f"{before['version']}); read it again")
