"""Events: collected in a unit, moved up level by level, every step traced to a person.

The workflow's rules live in :mod:`orggraph.workflow`; this package applies them:

- :mod:`.lifecycle`: the properties of a new event and of each step (pure functions);
- :mod:`.collect`: collecting events, one by one or in batches;
- :mod:`.steps`: taking a step, and sweeping overdue events;
- :mod:`.reads`: one event, several, and the lists of an area;
- :mod:`.forms`: an event as the API shows it, and as statements receive many of them.

Every change is written to the audit trail in the same transaction as the change.
"""

from .collect import MAX_BATCH, collected, create_events, write_collected
from .forms import iso, wire
from .lifecycle import new_event, transition
from .reads import (
    OPEN_STATUSES,
    count_and_plan,
    count_plan,
    get_event,
    get_events,
    list_events,
    list_plan,
    open_statuses,
    suggest,
)
from .steps import add_step, sweep

__all__ = [
    "MAX_BATCH", "OPEN_STATUSES", "add_step", "collected", "count_and_plan", "count_plan",
    "create_events", "get_event", "get_events", "iso", "list_events", "list_plan", "new_event",
    "open_statuses", "suggest", "sweep", "transition", "wire", "write_collected",
]
