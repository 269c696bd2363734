"""Collecting events: one by one (written together by :mod:`orggraph.grouping`) or in
batches, all or nothing, each bad row named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

from .. import codes
from ..audit import entry, record
from ..auth import WRITE_EVENTS, Caller
from ..clock import SYSTEM_CLOCK, Clock
from ..errors import Conflict, InvalidInput, refusal, refuse_fields
from ..model import CATEGORIES, TIERS
from ..workflow import DEFAULT_POLICY, Policy
from .forms import render, wire
from .lifecycle import new_event, new_id, tally

MAX_BATCH = 5000


@dataclass(frozen=True)
class Collected:
    """One event to collect, its fields checked (see :func:`collected`), not yet written."""

    caller: Caller
    unit_code: str
    category: str
    summary: str
    reported_by: str
    at: datetime
    policy: Policy


def collected(caller: Caller, *, unit_code: str, category: str, summary: str, reported_by: str,
              clock: Clock = SYSTEM_CLOCK, policy: Policy = DEFAULT_POLICY) -> Collected:
    """An event to collect in a unit (its first step, ``collect``, by the reporter), checked
    for what needs no database; write it with :func:`write_collected` (the API hands it to a
    :class:`~orggraph.grouping.Grouper`, which writes those arriving together at once)."""
    caller.require(WRITE_EVENTS)
    _check_fields(unit_code, category, summary)
    return Collected(caller, unit_code, category, summary, reported_by, clock.now(), policy)


def write_collected(store, items: list[Collected]) -> list[dict | InvalidInput]:
    """Write events collected one by one, in one transaction: each its event, first step and
    audit record. An item whose unit (within its caller's scope) or reporter is unknown gets its
    :class:`InvalidInput` in place of the event and is not written; the others are."""

    def work(tx):
        found = _parties(tx, [(c.unit_code, c.reported_by, c.caller.scope.prefix)
                              for c in items])
        outcomes, rows = [], []
        for c, (unit, person) in zip(items, found, strict=True):
            errors = {}
            if unit is None:
                errors["unit_code"] = [f"no unit {c.unit_code} in your scope"]
            if person is None:
                errors["reported_by"] = [f"no person {c.reported_by}; the reporter's person id"]
            if errors:
                outcomes.append(refusal(errors, "the event cannot be recorded"))
                continue
            event, step = new_event(new_id(c.at), c.unit_code, c.category, c.summary, person,
                                    c.at, c.policy, token_id=c.caller.token_id)
            shown = render(event, unit, None, [step], c.at)
            audit = entry(c.caller, "create", "event", event["id"], c.unit_code, None, shown)
            rows.append({"event": wire(event), "step": wire(step), "audit": audit})
            outcomes.append(shown)
        if rows and tx.one("events/create_events", rows=by_unit(rows))["n"] != len(rows):
            raise Conflict("a unit was removed meanwhile; nothing was recorded")
        return outcomes

    return store.transact(work)


def _parties(tx, wanted: list[tuple[str, str, str]]) -> list[tuple[dict | None, dict | None]]:
    """For each (unit code, reporter's person id, scope): the unit ({code, name}, None unless
    within that scope) and the person ({id, name}, or None)."""
    found = {r["i"]: (r["unit"], r["person"]) for r in tx.all("events/list_event_parties", rows=[
        {"i": i, "unit_code": unit, "person_id": person, "scope": scope}
        for i, (unit, person, scope) in enumerate(wanted)])}
    return [found[i] for i in range(len(wanted))]


def create_events(store, caller: Caller, rows: list[dict], *, clock: Clock = SYSTEM_CLOCK,
                  policy: Policy = DEFAULT_POLICY) -> dict:
    """Collect many events at once, all or nothing: every row is checked and the answer names
    each bad one (by index) with its reason. The batch is written by one statement that checks
    units and reporters as it goes; only when it comes up short are the rows read again to
    name the bad ones (and the transaction rolled back)."""
    caller.require(WRITE_EVENTS)
    if not rows:
        raise InvalidInput("no events given", errors={"events": ["1 to 5000 events"]})
    if len(rows) > MAX_BATCH:
        raise InvalidInput(f"{len(rows)} events in one batch; send at most {MAX_BATCH}",
                           errors={"events": [f"at most {MAX_BATCH}"]})
    now = clock.now()
    bad: dict[int, list[str]] = {}
    for i, r in enumerate(rows):
        try:
            _check_fields(r["unit_code"], r["category"], r["summary"])
        except InvalidInput as e:
            bad[i] = [m for ms in e.errors.values() for m in ms]

    def work(tx):
        if not bad:
            own, event, step = batch_rows(rows, now, policy, token_id=caller.token_id)
            ordered = by_unit(own, itemgetter("unit_code"))
            written = tx.one("events/create_event_batch", rows=ordered, event=event, step=step,
                             scope=caller.scope.prefix)["n"]
            if written == len(rows):
                ids = [r["id"] for r in own]
                # The answer itself is recorded, so a retried request (Idempotency-Key)
                # replays it.
                created = {"created": len(ids), "ids": ids}
                record(tx, caller, "create_batch", "event", ids[0], _common_area(rows), None,
                       created)
                return created
        _refuse_batch(tx, caller, rows, bad)

    return store.transact(work)


def batch_rows(rows: list[dict], at: datetime, policy: Policy, *,
               token_id: str | None) -> tuple[list[dict], dict, dict]:
    """What ``create_event_batch`` writes for ``rows`` collected at ``at``: each row's own
    fields, then the properties every new event and every collect step of the batch share.
    Both come from :func:`new_event`, so a batch writes what events collected one by one do."""
    event, step = new_event("", "", "", "", {"id": "", "name": ""}, at, policy,
                            token_id=token_id)
    tallies = {c: tally({**event, "category": c}) for c in {r["category"] for r in rows}}
    own = [{"id": new_id(at), "unit_code": r["unit_code"], "category": r["category"],
            "summary": r["summary"], "reporter_id": r["reported_by"],
            "tally": tallies[r["category"]]} for r in rows]
    return own, event, step


def _refuse_batch(tx, caller: Caller, rows: list[dict], bad: dict[int, list[str]]) -> None:
    """Raise the refusal of a batch, naming every bad row: ``bad`` (fields) and the rows whose
    unit (within the caller's scope) or reporter is not found."""
    bad = dict(bad)  # a transaction retried calls this again with the same ``bad``
    found = _parties(tx, [(r["unit_code"], r["reported_by"], caller.scope.prefix)
                          for r in rows])
    for i, (r, (unit, person)) in enumerate(zip(rows, found, strict=True)):
        msgs = list(bad.get(i, []))
        if unit is None and not msgs:
            msgs.append(f"no unit {r['unit_code']} in your scope")
        if person is None:
            msgs.append(f"no person {r['reported_by']}")
        if msgs:
            bad[i] = msgs
    if not bad:  # every row was found when read again: a unit or person came meanwhile
        raise Conflict("the units or reporters changed while the batch was written; "
                       "nothing was recorded, send it again")
    raise InvalidInput(f"{len(bad)} of {len(rows)} events are not valid; nothing was recorded",
                       errors={f"events.{i}": bad[i] for i in sorted(bad)})


def by_unit(rows: list[dict], unit=lambda r: r["event"]["unit_code"]) -> list[dict]:
    """``rows`` in the order of their ``unit(row)`` code, for ``create_events`` (and
    ``create_event_batch``, whose rows hold the code itself). Linking an event to its unit
    locks the unit, so two transactions writing to the same units take their locks in the
    same order and cannot deadlock (one waits for the other instead of both being rolled
    back and retried)."""
    return sorted(rows, key=unit)


def _check_fields(unit_code: str, category: str, summary: str) -> None:
    errors = {}
    if not codes.is_well_formed(unit_code) or codes.tier_of(unit_code) != "unit":
        errors["unit_code"] = [f"{unit_code!r} is not a unit code (18 digits)"]
    if category not in CATEGORIES:
        errors["category"] = [f"unknown category {category!r}; one of {', '.join(CATEGORIES)}"]
    if not isinstance(summary, str) or not summary.strip() or len(summary) > 500:
        errors["summary"] = ["1-500 characters"]
    refuse_fields(errors)


def _common_area(rows: list[dict]) -> str:
    """The narrowest area holding every row's unit (for the audit record's scope)."""
    codes_ = [r["unit_code"] for r in rows]
    for tier in reversed(TIERS):
        areas = {codes.ancestor(c, tier) for c in codes_}
        if len(areas) == 1:
            return areas.pop()
    return ""
