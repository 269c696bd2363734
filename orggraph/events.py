"""Events: collected in a unit, moved up level by level, every step traced to a person.

The workflow's rules live in :mod:`orggraph.workflow`; this module applies them in one write
transaction per step, with the event locked first so that two operators acting at once are
serialised: the second reads the first one's step and, if its own no longer fits, gets a 409.
Every change is also written to the audit trail in the same transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter

from . import codes, workflow
from .audit import entry, record
from .auth import READ_PEOPLE, WRITE_EVENTS, Caller
from .clock import SYSTEM_CLOCK, Clock
from .errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    refusal,
    refuse_fields,
)
from .model import CATEGORIES, TIERS
from .paging import PageRequest, walk_reads_less
from .workflow import CHINA, DEFAULT_POLICY, Policy, StepRefused

MAX_BATCH = 5000
SYSTEM_PERSON = {"id": "system", "name": "系统"}


def new_id(at: datetime) -> str:
    return f"ev-{at.astimezone(CHINA):%Y%m%d}-{uuid.uuid4().hex[:10]}"


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


def add_step(store, caller: Caller, event_id: str, *, action: str, by: str,
             note: str | None = None, to: str | None = None, version: int | None = None,
             clock: Clock = SYSTEM_CLOCK, policy: Policy = DEFAULT_POLICY,
             route=None) -> dict:
    """Take one step of the workflow. ``route(event)`` suggests an agency when a dispatch
    names none (see :func:`orggraph.analysis.route`)."""
    caller.require(WRITE_EVENTS)
    if action in workflow.SYSTEM_ACTIONS:
        raise InvalidInput(f"{action} steps are recorded by the system",
                           errors={"action": list(workflow.ACTIONS)})
    if note is not None and len(note) > 2000:
        raise InvalidInput("note is longer than 2000 characters", errors={"note": ["shorter"]})
    now = clock.now()

    def work(tx):
        state, person = _locked(tx, caller, event_id, by)
        if version is not None and state["version"] != version:
            raise PreconditionFailed(f"event {event_id} has moved on since you read it (now "
                                     f"{state['status']} at {state['level']}); read it again")
        if person is None:
            raise InvalidInput(f"no person {by}; steps are taken by a known person",
                               errors={"by": ["a person id"]})
        _check_reach(caller, state)
        _refuse_unless(state, action, person["id"])
        target = to
        if action == "dispatch":
            if to is None and route is not None:
                target = ((route(state) or {}).get("dispatch_to") or {}).get("id")
            target = _dispatch_target(tx, state, target)["id"]
        changes, step = transition(state, action, person, now, policy, to=target, note=note,
                                   token_id=caller.token_id)
        row = tx.one("events/append_step", id=event_id, changes=changes, step=step)
        shown = render(row["event"], row["unit"], row["agency"], row["trail"], now)
        # The answer itself is recorded, so a retried request (Idempotency-Key) replays it.
        record(tx, caller, action, "event", event_id, state["unit_code"], _brief(state), shown)
        return shown

    return store.transact(work)


def get_event(store, caller: Caller, event_id: str, *, clock: Clock = SYSTEM_CLOCK) -> dict:
    caller.require(READ_PEOPLE)
    row = _stored(store, caller, event_id)
    return render(row["event"], row["unit"], row["agency"], row["trail"], clock.now())


def _stored(store, caller: Caller, event_id: str) -> dict:
    """One event in the caller's scope as stored, or NotFound. The by-id list is the one
    statement that shows events, so a single event and a page of them cannot drift apart."""
    rows = store.read("events/list_events_by_id", ids=[event_id], scope=caller.scope.prefix)
    if not rows:
        raise NotFound(f"no event {event_id}")
    return rows[0]


def get_events(store, caller: Caller, event_ids: list[str], *,
               clock: Clock = SYSTEM_CLOCK) -> list[dict]:
    """The events of ``event_ids`` in the caller's scope, in that order, in one round trip;
    unknown ones are left out."""
    caller.require(READ_PEOPLE)
    now = clock.now()
    return [render(r["event"], r["unit"], r["agency"], r["trail"], now)
            for r in store.read("events/list_events_by_id", ids=list(event_ids),
                                scope=caller.scope.prefix)]


def suggest(store, caller: Caller, event_id: str, route) -> dict:
    """``route(event)`` for an event in scope: where it should go from where it is now."""
    caller.require(WRITE_EVENTS)
    return route(native(_stored(store, caller, event_id)["event"]))


def list_events(store, caller: Caller, page: PageRequest, *, within: str | None = None,
                status: str | None = None, category: str | None = None,
                overdue: bool | None = None, needs_check: bool | None = None,
                clock: Clock = SYSTEM_CLOCK) -> dict:
    caller.require(READ_PEOPLE)
    if within is not None:
        codes.check(within, "within")
    if status is not None and status not in workflow.STATUSES:
        raise InvalidInput(f"unknown status {status!r}",
                           errors={"status": list(workflow.STATUSES)})
    if category is not None and category not in CATEGORIES:
        raise InvalidInput(f"unknown category {category!r}", errors={"category": list(CATEGORIES)})
    prefix = caller.scope.within(within)
    if prefix is None:
        return page.result([], 0)
    now = clock.now()
    statuses = open_statuses(status, overdue)
    params = {"prefix": prefix, "status": status, "category": category, "overdue": overdue,
              "needs_check": needs_check, "now": now, "statuses": statuses}
    total, listing = count_and_plan(store, params, reach=page.skip + page.page_size)
    # Past the last match there is nothing to read; asking would make the walk from the
    # newest read the whole history to fill nothing.
    rows = store.read(listing, **params, skip=page.skip, limit=page.page_size) \
        if page.skip < total else []
    return page.result([render(r["event"], None, None, None, now)
                        for r in rows], total)


# The events list has three plans (BENCHMARKS.md, "Listing events"); each gives what the
# general count_events and list_events give, faster in its own case.

OPEN_STATUSES = [s for s in workflow.STATUSES if s != "closed"]


def count_and_plan(store, params: dict, *, reach: int) -> tuple[int, str]:
    """Count the list of ``params`` (as :func:`list_events` makes them) and choose the
    statement that lists it up to ``reach`` (skip plus page size): (total, statement)."""
    filtered = any(params[k] is not None for k in ("status", "category", "overdue",
                                                   "needs_check"))
    counted = store.read_one(count_plan(params["statuses"], filtered=filtered,
                                        category=params["category"]), **params)
    return counted["n"], list_plan(params["prefix"], params["statuses"], filtered=filtered,
                                   reach=reach, matching=counted["n"],
                                   stored=counted.get("stored", 0))


def open_statuses(status: str | None, overdue: bool | None) -> list[str] | None:
    """The statuses a list is confined to when all of them are open ones (a small share of
    the events, which the status index finds), else None: the status asked for, or every
    open one when only overdue events are asked for (an overdue event is open)."""
    if status is not None:
        return [status] if status in OPEN_STATUSES else None
    return OPEN_STATUSES if overdue else None


def count_plan(statuses: list[str] | None, *, filtered: bool,
               category: str | None = None) -> str:
    """The statement that counts the list; ``statuses`` as :func:`open_statuses` gives them,
    ``filtered``: anything but the area narrows it. A filter with an index of its own is
    counted from it, the one matching fewer events first."""
    if statuses:
        return "events/count_events_of_status"  # open events: the status index
    if category is not None:
        return "events/count_events_of_category"  # the (category, unit_code) index
    # With no filter, the unit-code index alone counts them (and the stored total comes too).
    return "events/count_events" if filtered else "events/count_events_in_area"


def list_plan(prefix: str, statuses: list[str] | None, *, filtered: bool = True,
              reach: int = 0, matching: int = 0, stored: int = 0) -> str:
    """The statement that lists the page. ``statuses``: as :func:`open_statuses` gives them;
    ``reach``: skip plus page size; ``matching`` and ``stored``: the list's total and every
    event stored, known for an unfiltered list."""
    if statuses:
        # Open events are a small share: found through the status index.
        return "events/list_events_of_status"
    if not filtered and matching:
        # The walk from the newest reads about reach × stored / matching entries of the
        # collection-time index before the page is full; the sort reads the area's events.
        walk = walk_reads_less(reach, matching, stored)
        return "events/list_events_wide" if walk else "events/list_events"
    if len(prefix) <= 6:
        # A district or wider holds tens of thousands of events: read newest first from the
        # collection-time index until the page is full, not all sorted.
        return "events/list_events_wide"
    return "events/list_events"  # found by unit code, then sorted


def sweep(store, *, clock: Clock = SYSTEM_CLOCK, policy: Policy = DEFAULT_POLICY,
          caller: Caller | None = None, within: str | None = None, limit: int = 100_000,
          progress=None) -> dict:
    """Flag (or escalate, by ``policy.sweep``) every open event past its level's deadline,
    each as a step by the system. Safe to run again: a flagged level is not flagged twice."""
    from .auth import SYSTEM

    caller = caller or SYSTEM
    now = clock.now()
    prefix = codes.prefix(codes.check(within, "within")) if within else ""
    ids = [r["id"] for r in store.read("events/list_overdue_events", now=now, limit=limit,
                                       prefix=prefix)]
    done = {"flagged": 0, "escalated": 0}
    for eid in ids:
        outcome = store.transact(lambda tx, eid=eid: _sweep_one(tx, caller, eid, now, policy))
        if outcome:
            done[outcome] += 1
        if progress:
            progress(1)
    return {"checked": len(ids), **done, "at": iso(now)}


def _sweep_one(tx, caller: Caller, event_id: str, now: datetime, policy: Policy) -> str | None:
    state, _ = _locked(tx, caller, event_id)
    if state["status"] == "closed" or state["flagged"] or not state["due_at"] or \
            state["due_at"] >= now:
        return None  # moved on since it was listed
    can_escalate = state["level"] != "city" and state["status"] != "dispatched"
    if policy.sweep == "escalate" and can_escalate:
        level = workflow.next_level(state["level"], None)
        changes = _arrive(state, level, now, policy)
        changes.update(status="escalated", overdue_steps=state["overdue_steps"] + 1)
        step = _step(state, "escalate", SYSTEM_PERSON, now,
                     f"超时未办结，系统自动上报 (deadline {iso(state['due_at'])})", level,
                     token_id=caller.token_id)
        outcome = "escalated"
    else:
        changes = {"flagged": True, "overdue_steps": state["overdue_steps"] + 1}
        step = _step(state, "flag", SYSTEM_PERSON, now,
                     f"超时督办 (deadline {iso(state['due_at'])})", None, token_id=caller.token_id)
        outcome = "flagged"
    step["late"] = True
    changes["version"] = step["seq"]
    changes["tally"] = tally({**state, **changes})
    tx.one("events/append_step", id=event_id, changes=changes, step=step)
    record(tx, caller, f"sweep_{outcome}", "event", event_id, state["unit_code"],
           _brief(state), _brief({**state, **changes}))
    return outcome


# ----------------------------------------------------------------------------- helpers


def new_event(eid: str, unit_code: str, category: str, summary: str, reporter: dict,
              at: datetime, policy: Policy, *, token_id: str | None) -> tuple[dict, dict]:
    """The property maps of a newly collected event and of its ``collect`` step."""
    local = at.astimezone(CHINA)
    event = {
        "id": eid, "unit_code": unit_code, "category": category, "summary": summary,
        "status": "collected", "level": "unit", "area_code": unit_code, "agency_id": None,
        "reporter_id": reporter["id"], "reporter_name": reporter["name"],
        "collected_at": at, "collected_on": local.date(),
        "due_at": workflow.due(at, "unit", policy), "flagged": False, "overdue_steps": 0,
        "self_closed": False, "verified": False, "returned_by": [], "version": 1,
    }
    event["tally"] = tally(event)
    step = _step({**event, "version": 0}, "collect", reporter, at, None, None, token_id=token_id)
    return event, step


def by_unit(rows: list[dict], unit=lambda r: r["event"]["unit_code"]) -> list[dict]:
    """``rows`` in the order of their ``unit(row)`` code, for ``create_events`` (and
    ``create_event_batch``, whose rows hold the code itself). Linking an event to its unit
    locks the unit, so two transactions writing to the same units take their locks in the
    same order and cannot deadlock (one waits for the other instead of both being rolled
    back and retried)."""
    return sorted(rows, key=unit)


def tally(e: dict) -> str:
    """What the statistics count of an event, in one property (one read per event where six
    would cost three times as much): local collection day, category, the level it was
    resolved at ('-' while open), overdue steps. Kept up to date by every step.

    >>> tally({"collected_on": date(2022, 5, 3), "category": "dispute",
    ...        "resolved_level": "unit", "overdue_steps": 0})
    '2022-05-03|dispute|unit|0'
    """
    return (f"{e['collected_on'].isoformat()}|{e['category']}|{e.get('resolved_level') or '-'}"
            f"|{e['overdue_steps']}")


def wire(props: dict) -> dict:
    """``props`` with times and dates as ISO strings, for statements that write many rows:
    the driver packs a Python datetime some thirty times slower than a string, and the
    statement turns the strings back into temporal values."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in props.items()}


def _step(state: dict, action: str, person: dict, at: datetime, note: str | None,
          to: str | None, *, token_id: str | None) -> dict:
    seq = state["version"] + 1  # every step bumps the version: it counts the steps
    return {"id": f"{state['id']}:{seq}", "event_id": state["id"], "seq": seq, "action": action,
            "level": state["level"], "area_code": state["area_code"],
            "unit_code": state["unit_code"], "by_id": person["id"], "by_name": person["name"],
            "at": at, "month": f"{at.astimezone(CHINA):%Y-%m}", "note": note, "to": to,
            "late": False, "token_id": token_id}


def _arrive(state: dict, level: str, now: datetime, policy: Policy) -> dict:
    return {"level": level, "area_code": codes.ancestor(state["unit_code"], level),
            "due_at": workflow.due(now, level, policy), "flagged": False}


def transition(state: dict, action: str, person: dict, now: datetime, policy: Policy, *,
               to: str | None = None, note: str | None = None,
               token_id: str | None = None) -> tuple[dict, dict]:
    """(the event's property changes, the new step) for taking ``action`` now: pure, so the
    seed's history is made by the same rules. A dispatch's ``to`` is an agency already
    checked; an escalation's is the tier (default one up)."""
    _refuse_unless(state, action, person["id"])
    changes: dict = {"status": workflow.RULES[action][2]}
    if action == "escalate":
        try:
            to = workflow.next_level(state["level"], to)
        except StepRefused as e:
            raise Conflict(str(e)) from None
        changes.update(_arrive(state, to, now, policy))
    elif action == "dispatch":
        changes.update(agency_id=to, flagged=False,
                       due_at=workflow.due(now, state["level"], policy, dispatched=True))
    elif action == "resolve":
        changes.update(closed_at=now, resolved_level=state["level"], resolved_by=person["id"],
                       self_closed=state["level"] == "unit" and
                       person["id"] == state["reporter_id"])
    elif action == "return":
        to = state["area_code"]
        changes.update(agency_id=None, returned_by=[*state["returned_by"], state["agency_id"]],
                       due_at=workflow.due(now, state["level"], policy), flagged=False)
    elif action == "verify":
        changes["verified"] = True
    step = _step(state, action, person, now, note, to, token_id=token_id)
    if workflow.late(state, action, now):
        step["late"] = True
        changes["overdue_steps"] = state["overdue_steps"] + 1
    changes["version"] = step["seq"]
    changes["tally"] = tally({**state, **changes})
    return changes, step


def _refuse_unless(state: dict, action: str, by: str) -> None:
    try:
        workflow.check(state, action, by)
    except StepRefused as e:
        raise Conflict(str(e)) from None


def _dispatch_target(tx, state: dict, to: str | None) -> dict:
    if not to:
        raise InvalidInput("dispatch names the agency in 'to' (GET /events/{id}/route "
                           "suggests one)", errors={"to": ["an agency id"]})
    row = tx.one("events/get_dispatch_target", agency_id=to,
                 community=codes.ancestor(state["unit_code"], "community"))
    if row is None:
        raise InvalidInput(f"no agency {to}; see GET /agencies", errors={"to": ["an agency id"]})
    agency = row["agency"]
    if to in state["returned_by"]:
        raise Conflict(f"{agency['name']} has returned this event already; choose another "
                       "agency")
    here = state["area_code"]
    if agency["jurisdiction"] != here and not (state["level"] == "community"
                                               and agency["partner"]):
        raise InvalidInput(
            f"{agency['name']} is not an agency of {here}: a community calls the agencies it "
            "is paired or linked with or that have staff there, a town its own agencies, a "
            "district its own; escalate to reach others", errors={"to": ["an agency of " + here]})
    return agency


def _locked(tx, caller: Caller, event_id: str,
            person_id: str | None = None) -> tuple[dict, dict | None]:
    """The event's state once its lock is held, and the person ``person_id`` (None when
    unknown). The lock is its own statement: the read after it sees the last step committed."""
    if tx.one("events/lock_event", id=event_id, scope=caller.scope.prefix) is None:
        raise NotFound(f"no event {event_id}")
    row = tx.one("events/get_event_state", id=event_id, scope=caller.scope.prefix,
                 person_id=person_id)
    return native(row["event"]), row["person"]


def _check_reach(caller: Caller, state: dict) -> None:
    """A token acts only where its scope reaches: a community's token cannot decide at the
    town."""
    if not caller.scope.covers(state["area_code"]):
        raise Forbidden(f"the event is at the {state['level']} level ({state['area_code']}), "
                        f"outside this token's scope {caller.scope.code}")


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


def _brief(e: dict) -> dict:
    return {k: iso(e.get(k)) for k in ("status", "level", "area_code", "agency_id", "due_at")}


# Times the statements that show events send as epoch milliseconds: the driver decodes one of
# its own zoned datetimes in about 0.3 ms, most of the time of a page of events.
MILLIS = frozenset({"collected_at", "due_at", "closed_at", "at"})


def native(props: dict) -> dict:
    """Driver temporal values, and the times in :data:`MILLIS` sent as epoch milliseconds,
    as Python datetimes."""
    out = {}
    for k, v in props.items():
        if hasattr(v, "to_native"):
            v = v.to_native()
        elif k in MILLIS and type(v) is int:
            v = datetime.fromtimestamp(v / 1000, UTC)
        out[k] = v
    return out


def iso(v) -> str | None:
    """A time as local (China) ISO 8601 with its offset; a date as YYYY-MM-DD."""
    if hasattr(v, "to_native"):
        v = v.to_native()
    if isinstance(v, datetime):
        return v.astimezone(CHINA).isoformat(timespec="seconds")
    if isinstance(v, date):
        return v.isoformat()
    return v


def render(e: dict, unit: dict | None, agency: dict | None, trail: list[dict] | None,
           now: datetime) -> dict:
    """The API's view of an event (and its trail when given)."""
    e = native(e)
    is_open = e["status"] != "closed"
    out = {
        "id": e["id"], "unit": unit or {"code": e["unit_code"], "name": None},
        "category": e["category"], "category_label": CATEGORIES.get(e["category"]),
        "summary": e["summary"], "status": e["status"], "level": e["level"],
        "area_code": e["area_code"], "agency": agency or (
            {"id": e["agency_id"], "name": None} if e.get("agency_id") else None),
        "reported_by": {"id": e["reporter_id"], "name": e["reporter_name"]},
        "collected_at": iso(e["collected_at"]), "due_at": iso(e["due_at"]) if is_open else None,
        "overdue": bool(is_open and e["due_at"] and now > e["due_at"]),
        "closed_at": iso(e.get("closed_at")), "resolved_level": e.get("resolved_level"),
        "self_closed": e["self_closed"], "verified": e["verified"],
        "needs_check": e["self_closed"] and not e["verified"],
        "overdue_steps": e["overdue_steps"], "returned_by": e["returned_by"],
        "version": e["version"],
    }
    if trail is not None:
        out["trail"] = [{
            "seq": s["seq"], "action": s["action"], "level": s["level"],
            "area_code": s["area_code"],
            "by": {"id": s["by_id"], "name": s["by_name"]},
            "at": iso(s["at"]), "note": s.get("note"), "to": s.get("to"),
            "late": s.get("late", False)} for s in map(native, trail)]
    return out
