"""The event workflow: which step is allowed where, and when a level's day is over.

Pure functions of an event's state; :mod:`orggraph.events` applies them inside a transaction.
The table is documented in ``docs/events.md``; change both together.

An event sits at one *level* (a tier: unit … city) in one *status*:

==============  ==================================================  ==========================
status          means                                               next steps
==============  ==================================================  ==========================
collected       a unit leader has recorded it (采集)                 preprocess
preprocessed    the unit leader has looked into it (预处理)          resolve, escalate
escalated       it has arrived at a higher level, not yet assessed  assess
assessed        that level has assessed it (研判)                    resolve, escalate, dispatch
dispatched      an agency has been called (调度)                     resolve, return
closed          settled (办结)                                       verify (if self-closed)
==============  ==================================================  ==========================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .dates import CHINA
from .model import TIERS

ACTIONS = ("preprocess", "assess", "escalate", "dispatch", "resolve", "return", "verify")
# Steps only the system records: the first one, and the sweep's flag on an overdue level.
SYSTEM_ACTIONS = ("collect", "flag")
STATUSES = ("collected", "preprocessed", "escalated", "assessed", "dispatched", "closed")

# action -> (statuses it may follow, tiers it may happen at, status it leads to)
RULES: dict[str, tuple[frozenset, frozenset, str]] = {
    "preprocess": (frozenset({"collected"}), frozenset({"unit"}), "preprocessed"),
    "assess": (frozenset({"escalated"}), frozenset(TIERS[:5]), "assessed"),
    "escalate": (frozenset({"preprocessed", "assessed"}), frozenset(TIERS[1:]), "escalated"),
    "dispatch": (frozenset({"assessed"}), frozenset(TIERS[:4]), "dispatched"),
    "resolve": (frozenset({"preprocessed", "assessed", "dispatched"}), frozenset(TIERS),
                "closed"),
    "return": (frozenset({"dispatched"}), frozenset(TIERS), "assessed"),
    "verify": (frozenset({"closed"}), frozenset(TIERS), "closed"),
}
# Steps that end a level's stay (the same-day rule is about these).
CONCLUDING = frozenset({"escalate", "dispatch", "resolve", "return"})

_WHAT = {
    "collected": "waits for the unit leader's preprocessing",
    "preprocessed": "was preprocessed; resolve it or escalate it",
    "escalated": "waits to be assessed at this level",
    "assessed": "was assessed; resolve, escalate or dispatch it",
    "dispatched": "is with an agency, which resolves it or returns it",
    "closed": "is closed",
}


class StepRefused(Exception):
    """The workflow does not allow this step now; the message says why (409)."""


@dataclass(frozen=True)
class Policy:
    """The same-day rule's parameters (see ``docs/events.md``)."""

    # An event arriving at a level after this local hour is due by the end of the next day.
    cutoff_hour: int = 18
    # Calendar days an agency has, after dispatch, to resolve or return an event.
    agency_days: int = 5
    # What ``orggraph events sweep`` does with an overdue level: "flag" or "escalate".
    sweep: str = "flag"


    def __post_init__(self):
        if not 0 <= self.cutoff_hour <= 24 or self.agency_days < 0 or \
                self.sweep not in ("flag", "escalate"):
            raise ValueError("the same-day policy needs a cut-off hour 0-24, agency days >= 0 "
                             "and a sweep of 'flag' or 'escalate'")

    @classmethod
    def of(cls, settings) -> Policy:
        return cls(settings.same_day_cutoff_hour, settings.agency_days, settings.sweep_policy)


DEFAULT_POLICY = Policy()


def due(arrived: datetime, level: str, policy: Policy = DEFAULT_POLICY, *,
        dispatched: bool = False) -> datetime:
    """When the level an event arrived at (``arrived``, aware) must have decided it.

    The end of the local (China Standard Time) day of arrival, or of the next day for an
    arrival after the cut-off hour; an agency gets ``agency_days`` more.

    >>> str(due(datetime(2022, 5, 3, 2, 0, tzinfo=UTC), "unit"))  # 10:00 local
    '2022-05-03 16:00:00+00:00'
    >>> str(due(datetime(2022, 5, 3, 11, 0, tzinfo=UTC), "town"))  # 19:00 local
    '2022-05-04 16:00:00+00:00'
    """
    local = arrived.astimezone(CHINA)
    days = 1 + (local.hour >= policy.cutoff_hour) + (policy.agency_days if dispatched else 0)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days)
    return midnight.astimezone(UTC)


def next_level(level: str, to: str | None) -> str:
    """The tier an escalation goes to: one up, or from a unit straight to its community."""
    i = TIERS.index(level)
    if i == 0:
        raise StepRefused("the event is already at the city; dispatch it to an agency or "
                          "resolve it")
    if to is None:
        return TIERS[i - 1]
    if to not in TIERS or TIERS.index(to) >= i:
        raise StepRefused(f"cannot escalate from {level} to {to!r}; escalation goes up")
    if to != TIERS[i - 1] and not (level == "unit" and to == "community"):
        raise StepRefused(f"escalation goes level by level: from {level} to {TIERS[i - 1]}"
                          + (" (or straight to the community)" if level == "unit" else ""))
    return to


def check(event: dict, action: str, by: str) -> str:
    """The status ``action`` leads to, or :class:`StepRefused` saying why not."""
    if action not in RULES:
        raise StepRefused(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
    after, levels, to_status = RULES[action]
    status, level = event["status"], event["level"]
    if status not in after:
        raise StepRefused(f"cannot {action} event {event['id']}: it {_WHAT[status]} "
                          f"(status {status} at {level})")
    if level not in levels:
        raise StepRefused(f"cannot {action} at the {level} level")
    if action == "verify":
        if not event.get("self_closed"):
            raise StepRefused("only an event closed by the person who reported it needs a check")
        if event.get("verified"):
            raise StepRefused("this event has been checked already")
        if by in (event.get("reporter_id"), event.get("resolved_by")):
            raise StepRefused("the check must be made by someone other than the reporter and "
                              "the person who closed it")
    return to_status


def next_actions(event: dict) -> tuple[str, ...]:
    """The steps :func:`check` would allow on ``event`` now, for a person other than its
    reporter and the one who closed it (who may not verify their own settlement).

    >>> next_actions({"status": "preprocessed", "level": "unit"})
    ('escalate', 'resolve')
    >>> next_actions({"status": "assessed", "level": "city"})  # no level above to go to
    ('dispatch', 'resolve')
    >>> next_actions({"status": "closed", "level": "grid", "self_closed": True})
    ('verify',)
    """
    allowed = []
    for action, (after, levels, _) in RULES.items():
        if event["status"] not in after or event["level"] not in levels:
            continue
        if action == "verify" and (not event.get("self_closed") or event.get("verified")):
            continue
        allowed.append(action)
    return tuple(allowed)


def late(event: dict, action: str, at: datetime) -> bool:
    """Whether this step ends a level's stay after its deadline (and the sweep has not already
    counted that level as overdue)."""
    return (action in CONCLUDING and event.get("due_at") is not None
            and at > event["due_at"] and not event.get("flagged"))
