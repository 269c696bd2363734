"""The steps an event offers are the steps the workflow would take."""

from __future__ import annotations

import itertools

from orggraph import workflow
from orggraph.model import TIERS

# Every state an event can be in: a status at a level, closed by its reporter or not, checked
# or not.
STATES = [{"id": "ev-1", "status": status, "level": level, "self_closed": self_closed,
           "verified": verified, "reporter_id": "p-reporter", "resolved_by": "p-reporter"}
          for status, level, self_closed, verified in itertools.product(
              workflow.STATUSES, TIERS, (False, True), (False, True))]


def allowed(event: dict, action: str) -> bool:
    try:
        workflow.check(event, action, by="p-other")
        if action == "escalate":
            workflow.next_level(event["level"], None)
        return True
    except workflow.StepRefused:
        return False


def test_next_actions_are_exactly_the_steps_check_allows():
    wrong = {}
    for event in STATES:
        offered = list(workflow.next_actions(event))
        taken = [a for a in workflow.ACTIONS if allowed(event, a)]
        if offered != taken:
            wrong[(event["status"], event["level"], event["self_closed"], event["verified"])] = (
                offered, taken)
    assert not wrong, f"offered vs allowed: {wrong}"


# Where each status can be: the unit leader's two at the unit, the rest above it (a dispatch
# from a community or higher); a closed event wherever it was settled.
REACHABLE = {"collected": TIERS[5:], "preprocessed": TIERS[5:], "escalated": TIERS[:5],
             "assessed": TIERS[:5], "dispatched": TIERS[:4], "closed": TIERS}


def test_every_open_event_offers_a_way_on_and_a_settled_one_none_but_its_check():
    for event in STATES:
        if event["level"] not in REACHABLE[event["status"]]:
            continue
        offered = workflow.next_actions(event)
        if event["status"] != "closed":
            assert offered, event
        else:
            assert offered == (("verify",) if event["self_closed"] and not event["verified"]
                               else ()), event
