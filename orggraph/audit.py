"""The audit trail: every change records who, what, before and after, and when, in the same
transaction as the change itself (so a refused or rolled-back change leaves no record)."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from . import dates
from .auth import READ_AUDIT, Caller
from .paging import PageRequest, walk_reads_less

# What the analyses' projection does not read: a change to these leaves its version as it was,
# so that the events flowing through a working day do not make every analysis, and every
# dispatch routed, build the projection again.
UNPROJECTED = frozenset({"event", "token"})


def record(tx, caller: Caller, action: str, entity: str, entity_id: str,
           area_code: str | None, before: Any = None, after: Any = None, *,
           answer: Any = None) -> None:
    tx.one("audit/create_audit", **entry(caller, action, entity, entity_id, area_code, before,
                                         after, answer=answer))
    if entity not in UNPROJECTED:
        network_changed(tx)


def network_changed(tx) -> None:
    """Move the analyses' version (orggraph.projection), in the change's transaction."""
    tx.one("projection/move_network_version")


def entry(caller: Caller, action: str, entity: str, entity_id: str, area_code: str | None,
          before: Any = None, after: Any = None, *, answer: Any = None) -> dict:
    """The properties of one audit record, for statements that write it with the change.

    ``answer`` is what the change answered when that is not ``after`` (an event step answers
    with the whole event and its trail, while the record holds what the step changed). It
    is kept only under an Idempotency-Key, the one case in which it is read again."""
    kept = answer if caller.idempotency_key is not None else None
    return {"id": uuid.uuid4().hex, "token_id": caller.token_id, "person_id": caller.person_id,
            "actor": caller.name, "action": action, "entity": entity, "entity_id": entity_id,
            "area_code": area_code, "before": _json(before), "after": _json(after),
            "answer": _json(kept), "idempotency_key": caller.idempotency_key,
            "request_hash": caller.request_hash}


def replay(store, caller: Caller, key: str) -> dict | None:
    """The change already made under this token's Idempotency-Key: {request_hash, action,
    answer}, or None. The answer is the one kept apart, else the record's after."""
    row = store.read_one("audit/get_audit_by_idempotency_key", key=f"{caller.token_id}|{key}")
    if row is None:
        return None
    rec = row["record"]
    kept, after = rec.pop("answer"), rec.pop("after")
    text = kept or after
    rec["answer"] = json.loads(text) if text else None
    return rec


def list_audit(store, caller: Caller, page: PageRequest, *, entity: str | None = None,
               entity_id: str | None = None, from_: str | date | None = None,
               to: str | date | None = None) -> dict:
    """Records in the caller's scope, newest first; ``from_`` and ``to`` (local days, both
    included) narrow them to a window of time."""
    caller.require(READ_AUDIT)
    window = dates.day_window(from_, to)
    params = {"scope": caller.scope.prefix, "entity": entity, "skip": page.skip,
              "limit": page.page_size}
    if entity_id is not None:
        # One object's history: found by its id, counted and paged in one statement.
        row = store.read_one("audit/list_audit_of_entity", **params, entity_id=entity_id,
                             **(window or {"start": None, "end": None}))
        # (one object's history is short: it comes whole, streamed or not)
        total, rows = row["total"], [{"record": r} for r in row["records"]]
    elif window is not None:
        # A window is read from the time index, however the rest would have been planned.
        total = store.read_one("audit/count_audit_between", **params, **window)["n"]
        rows = page.rows(store, "audit/list_audit_between", **params, **window) \
            if page.skip < total else []
    else:
        counted = store.read_one(count_plan(caller.scope.prefix, entity), **params)
        total = counted["n"]
        listing = list_plan(reach=page.skip + page.page_size, matching=total,
                            stored=counted.get("stored"))
        rows = page.rows(store, listing, **params) if page.skip < total else []
    return page.result(page.shown(rows, _shown), total)


def _shown(row: dict) -> dict:
    """A record as stored (its before and after kept as JSON text) as the API shows it."""
    rec = row["record"]
    rec["before"] = json.loads(rec["before"]) if rec["before"] else None
    rec["after"] = json.loads(rec["after"]) if rec["after"] else None
    return rec


def count_plan(scope: str, entity: str | None) -> str:
    """The statement that counts what list_audit pages through. The log grows with every
    change, so the count comes from an index or the label's count; only a caller scoped to
    everything asking for one kind (records without an area count there) reads the log."""
    if entity is None:
        return "audit/count_audit_in_scope" if scope else "audit/count_audit_all"
    return "audit/count_audit_of_kind" if scope else "audit/count_audit"


def list_plan(*, reach: int, matching: int, stored: int | None) -> str:
    """The statement that lists the page: the walk from the newest reads about reach ×
    stored / matching records before the page is full, the sort of one kind's records reads
    ``matching`` (known with ``stored`` when one kind in a scope was counted)."""
    if stored is not None and not walk_reads_less(reach, matching, stored):
        return "audit/list_audit_of_kind"
    return "audit/list_audit"


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                 default=str)
