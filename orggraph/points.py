"""Unit leaders' monthly points and the five-star honour roll (五星单元长光荣榜).

Pure functions of step facts; the rules are documented in ``docs/events.md``. A point is always
earned by a step of an event, so every point can be traced to its event.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

from .workflow import ACTIONS, SYSTEM_ACTIONS

# rule -> points. A step earns the rules :func:`rules_of` finds for it.
RULES = {
    "collected": 1,        # collected an event in the unit (采集)
    "preprocessed": 1,     # preprocessed it on time
    "escalated": 1,        # escalated it on the day, when the unit could not settle it
    "settled_at_unit": 3,  # settled it in the unit (矛盾不出单元)
    "checked": 1,          # checked an event someone else closed (回访核查)
    "late": -2,            # let the unit's deadline pass on a step
}
# What each rule is called in the data and on the page (English in code, Chinese in data).
RULE_NAMES = MappingProxyType({
    "collected": "采集事件",
    "preprocessed": "按时预处理",
    "escalated": "当日上报",
    "settled_at_unit": "单元内化解",
    "checked": "回访核查",
    "late": "超时",
})
# Stars by rank among the area's leaders with points above zero: the best 5 % get five stars,
# the next 15 % four, 30 % three, 30 % two, the rest one. No points, no star.
STAR_SHARES = ((0.05, 5), (0.20, 4), (0.50, 3), (0.80, 2), (1.00, 1))


def rules_of(fact: dict) -> list[str]:
    """The rules one step earns. ``fact``: action, late, self_closed, verified.

    An event closed by the person who reported it earns its settlement only once someone else
    has checked it; until then it is flagged and earns nothing.

    >>> rules_of({"action": "resolve", "late": False, "self_closed": True, "verified": False})
    []
    >>> rules_of({"action": "escalate", "late": True, "self_closed": False, "verified": False})
    ['late']
    """
    action, late = fact["action"], fact.get("late") or False
    earned = []
    if action == "collect":
        earned.append("collected")
    elif action == "preprocess" and not late:
        earned.append("preprocessed")
    elif action == "escalate" and not late:
        earned.append("escalated")
    elif action == "resolve" and (not fact.get("self_closed") or fact.get("verified")):
        earned.append("settled_at_unit")
    elif action == "verify":
        earned.append("checked")
    if late:
        earned.append("late")
    return earned


def points_of(facts: Iterable[dict]) -> int:
    """Points of grouped facts (each with a count ``n``, 1 when absent)."""
    return sum(RULES[r] * f.get("n", 1) for f in facts for r in rules_of(f))


def kind_of(action: str, late: bool, unchecked: bool) -> str:
    """A kind of step as the ranking statement names it. ``unchecked``: a settlement by the
    event's own reporter that no one else has checked yet.

    >>> kind_of("resolve", False, True)
    'resolve|false|true'
    """
    return f"{action}|{str(bool(late)).lower()}|{str(bool(unchecked)).lower()}"


def points_by_kind() -> dict[str, int]:
    """What a step of each kind earns, from the rules: the ranking statement weighs the month's
    steps with this where they are stored, so one number per leader crosses the wire instead
    of every kind of step each took (BENCHMARKS.md, "The points ranking").

    >>> table = points_by_kind()
    >>> table["resolve|false|false"], table["resolve|false|true"], table["escalate|true|false"]
    (3, 0, -2)
    """
    return {kind_of(action, late, unchecked): points_of([{
        "action": action, "late": late, "self_closed": unchecked, "verified": False}])
        for action in ACTIONS + SYSTEM_ACTIONS for late in (False, True)
        for unchecked in (False, True)}


def stars(rank: int, ranked: int, points: int) -> int:
    """Stars for the ``rank``-th (1-based) of ``ranked`` leaders with points above zero.

    >>> [stars(r, 20, 10) for r in (1, 2, 4, 5, 10, 11, 16, 17)]
    [5, 4, 4, 3, 3, 2, 2, 1]
    """
    if points <= 0 or ranked == 0:
        return 0
    for share, n in STAR_SHARES:
        if rank <= max(1, round(share * ranked)):
            return n
    return 1


def published_rules() -> dict:
    """The rules and the star shares as the API publishes them, so that a page or another
    system explains the points from the rules themselves rather than from a copy.

    >>> r = published_rules()
    >>> r["rules"][0], r["stars"][0]
    ({'rule': 'collected', 'name': '采集事件', 'points': 1}, {'stars': 5, 'top_share': 0.05})
    """
    return {"rules": [{"rule": rule, "name": RULE_NAMES[rule], "points": n}
                      for rule, n in RULES.items()],
            "stars": [{"stars": n, "top_share": share} for share, n in STAR_SHARES]}


def places(descending: list[int]) -> list[tuple[int, int]]:
    """(rank, stars) for each of ``descending`` points, best first: equal points share a rank
    (1, 2, 2, 4), and stars go by rank among those with points above zero.

    >>> places([5, 3, 3, 0])
    [(1, 5), (2, 3), (2, 3), (4, 0)]
    """
    positive = sum(1 for n in descending if n > 0)
    out, rank, last = [], 0, None
    for i, n in enumerate(descending, 1):
        if n != last:
            rank, last = i, n
        out.append((rank, stars(rank, positive, n)))
    return out


def ranking(rows: list[dict]) -> list[dict]:
    """``rows`` of {person, unit, points} -> ranked [{rank, person, unit, points, stars}].

    Equal points share a rank (1, 2, 2, 4); ties are listed by person id.

    >>> [(r["rank"], r["stars"]) for r in ranking([
    ...     {"person": {"id": i}, "unit": None, "points": n} for i, n in enumerate((3, 5, 3, 0))])]
    [(1, 5), (2, 3), (2, 3), (4, 0)]
    """
    scored = sorted(({"person": r["person"], "unit": r["unit"], "points": r["points"]}
                     for r in rows), key=lambda r: (-r["points"], r["person"]["id"]))
    return [{"rank": rank, **r, "stars": n}
            for r, (rank, n) in zip(scored, places([r["points"] for r in scored]), strict=True)]
