"""Moving events on: one step of the workflow at a time, and the sweep of overdue ones.

Each step runs in one write transaction with the event locked first, so two operators acting
at once are serialised: the second reads the first one's step and, if its own no longer fits,
gets a 409. The audit record is written in the same transaction."""

from __future__ import annotations

from datetime import datetime

from .. import codes, workflow
from ..audit import record
from ..auth import SYSTEM, WRITE_EVENTS, Caller
from ..clock import SYSTEM_CLOCK, Clock
from ..errors import Conflict, Forbidden, InvalidInput, NotFound, PreconditionFailed
from ..workflow import DEFAULT_POLICY, Policy
from .forms import brief, iso, native, render
from .lifecycle import SYSTEM_PERSON, arrive, new_step, refuse_unless, tally, transition


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
    suggested = _suggest(store, caller, event_id, route) if action == "dispatch" and \
        to is None and route is not None else None

    def work(tx):
        state, person, agency = _locked(tx, caller, event_id, by)
        if version is not None and state["version"] != version:
            raise PreconditionFailed(f"event {event_id} has moved on since you read it (now "
                                     f"{state['status']} at {state['level']}); read it again")
        if person is None:
            raise InvalidInput(f"no person {by}; steps are taken by a known person",
                               errors={"by": ["a person id"]})
        _check_reach(caller, state)
        refuse_unless(state, action, person["id"])
        target = to
        if action == "dispatch":
            if to is None and route is not None:
                target = suggested[1] if suggested and suggested[0] == state["version"] \
                    else _dispatch_to(route(state))
            target = _dispatch_target(tx, state, target)["id"]
        changes, step = transition(state, action, person, now, policy, to=target, note=note,
                                   token_id=caller.token_id)
        row = tx.one("events/append_step", id=event_id, changes=changes, step=step)
        stored = native(row["event"])
        shown = render(stored, row["unit"], row["agency"], row["trail"], now)
        # The record holds what the step changed; the answer is kept with it for a retried
        # request (Idempotency-Key) to replay.
        record(tx, caller, action, "event", event_id, state["unit_code"], brief(state, agency),
               brief(stored, row["agency"]), answer=shown)
        return shown

    return store.transact(work)


def _suggest(store, caller: Caller, event_id: str, route) -> tuple[int, str | None] | None:
    """The event's version and the agency ``route`` suggests for it, read before the step's
    transaction: routing may build the city's projection (a second or so after a network
    change), and the event's lock should not be held meanwhile. The transaction uses the
    suggestion if the locked event is still at that version, and checks the agency all the same.
    None when the event is not found (the transaction then says so)."""
    row = store.read_one("events/get_event_state", id=event_id, scope=caller.scope.prefix,
                         person_id=None)
    if row is None:
        return None
    state = native(row["event"])
    return state["version"], _dispatch_to(route(state))


def _dispatch_to(suggestion: dict | None) -> str | None:
    return ((suggestion or {}).get("dispatch_to") or {}).get("id")


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
            person_id: str | None = None) -> tuple[dict, dict | None, dict | None]:
    """The event's state once its lock is held, the person ``person_id`` (None when unknown)
    and the agency holding it ({id, name}, or None). The lock is its own statement: the read
    after it sees the last step committed."""
    if tx.one("events/lock_event", id=event_id, scope=caller.scope.prefix) is None:
        raise NotFound(f"no event {event_id}")
    row = tx.one("events/get_event_state", id=event_id, scope=caller.scope.prefix,
                 person_id=person_id)
    return native(row["event"]), row["person"], row["agency"]


def _check_reach(caller: Caller, state: dict) -> None:
    """A token acts only where its scope reaches: a community's token cannot decide at the
    town."""
    if not caller.scope.covers(state["area_code"]):
        raise Forbidden(f"the event is at the {state['level']} level ({state['area_code']}), "
                        f"outside this token's scope {caller.scope.code}")


def sweep(store, *, clock: Clock = SYSTEM_CLOCK, policy: Policy = DEFAULT_POLICY,
          caller: Caller | None = None, within: str | None = None, limit: int = 100_000,
          progress=None) -> dict:
    """Flag (or escalate, by ``policy.sweep``) every open event past its level's deadline,
    each as a step by the system. Safe to run again: a flagged level is not flagged twice."""
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
    state, _, agency = _locked(tx, caller, event_id)
    if state["status"] == "closed" or state["flagged"] or not state["due_at"] or \
            state["due_at"] >= now:
        return None  # moved on since it was listed
    can_escalate = state["level"] != "city" and state["status"] != "dispatched"
    if policy.sweep == "escalate" and can_escalate:
        level = workflow.next_level(state["level"], None)
        changes = arrive(state, level, now, policy)
        changes.update(status="escalated", overdue_steps=state["overdue_steps"] + 1)
        step = new_step(state, "escalate", SYSTEM_PERSON, now,
                        f"超时未办结，系统自动上报 (deadline {iso(state['due_at'])})", level,
                        token_id=caller.token_id)
        outcome = "escalated"
    else:
        changes = {"flagged": True, "overdue_steps": state["overdue_steps"] + 1}
        step = new_step(state, "flag", SYSTEM_PERSON, now,
                        f"超时督办 (deadline {iso(state['due_at'])})", None,
                        token_id=caller.token_id)
        outcome = "flagged"
    step["late"] = True
    changes["version"] = step["seq"]
    changes["tally"] = tally({**state, **changes})
    tx.one("events/append_step", id=event_id, changes=changes, step=step)
    record(tx, caller, f"sweep_{outcome}", "event", event_id, state["unit_code"],
           brief(state, agency), brief({**state, **changes}, agency))
    return outcome
