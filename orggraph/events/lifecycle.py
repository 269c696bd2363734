"""An event's life as data: the properties of a new event and its steps, and what each
action changes. Pure functions, so the seed's history is made by the same rules as the API's
events; :mod:`orggraph.workflow` says which action is allowed where."""

from __future__ import annotations

import uuid
from datetime import datetime

from .. import codes, workflow
from ..errors import Conflict
from ..workflow import CHINA, Policy, StepRefused

SYSTEM_PERSON = {"id": "system", "name": "系统"}


def new_id(at: datetime) -> str:
    return f"ev-{at.astimezone(CHINA):%Y%m%d}-{uuid.uuid4().hex[:10]}"


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
    step = new_step({**event, "version": 0}, "collect", reporter, at, None, None, token_id=token_id)
    return event, step


def tally(e: dict) -> str:
    """What the statistics count of an event, in one property (one read per event where six
    would cost three times as much): local collection day, category, the level it was
    resolved at ('-' while open), overdue steps. Kept up to date by every step.

    >>> from datetime import date
    >>> tally({"collected_on": date(2022, 5, 3), "category": "dispute",
    ...        "resolved_level": "unit", "overdue_steps": 0})
    '2022-05-03|dispute|unit|0'
    """
    return (f"{e['collected_on'].isoformat()}|{e['category']}|{e.get('resolved_level') or '-'}"
            f"|{e['overdue_steps']}")


def new_step(state: dict, action: str, person: dict, at: datetime, note: str | None,
             to: str | None, *, token_id: str | None) -> dict:
    """The properties of the step ``action`` taken by ``person`` on the event in ``state``."""
    seq = state["version"] + 1  # every step bumps the version: it counts the steps
    return {"id": f"{state['id']}:{seq}", "event_id": state["id"], "seq": seq, "action": action,
            "level": state["level"], "area_code": state["area_code"],
            "unit_code": state["unit_code"], "by_id": person["id"], "by_name": person["name"],
            "at": at, "month": f"{at.astimezone(CHINA):%Y-%m}", "note": note, "to": to,
            "late": False, "token_id": token_id}


def arrive(state: dict, level: str, now: datetime, policy: Policy) -> dict:
    """The changes of an event reaching ``level``: its area there and a new day to decide."""
    return {"level": level, "area_code": codes.ancestor(state["unit_code"], level),
            "due_at": workflow.due(now, level, policy), "flagged": False}


def transition(state: dict, action: str, person: dict, now: datetime, policy: Policy, *,
               to: str | None = None, note: str | None = None,
               token_id: str | None = None) -> tuple[dict, dict]:
    """(the event's property changes, the new step) for taking ``action`` now: pure, so the
    seed's history is made by the same rules. A dispatch's ``to`` is an agency already
    checked; an escalation's is the tier (default one up)."""
    refuse_unless(state, action, person["id"])
    changes: dict = {"status": workflow.RULES[action][2]}
    if action == "escalate":
        try:
            to = workflow.next_level(state["level"], to)
        except StepRefused as e:
            raise Conflict(str(e)) from None
        changes.update(arrive(state, to, now, policy))
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
    step = new_step(state, action, person, now, note, to, token_id=token_id)
    if workflow.late(state, action, now):
        step["late"] = True
        changes["overdue_steps"] = state["overdue_steps"] + 1
    changes["version"] = step["seq"]
    changes["tally"] = tally({**state, **changes})
    return changes, step


def refuse_unless(state: dict, action: str, by: str) -> None:
    """A 409 (:class:`Conflict`) with the workflow's reason unless ``by`` may take ``action``."""
    try:
        workflow.check(state, action, by)
    except StepRefused as e:
        raise Conflict(str(e)) from None
