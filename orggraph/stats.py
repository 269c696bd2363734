"""Event statistics and the monthly points ranking, per area, category and month."""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from . import codes, dates, points
from .auth import READ_PEOPLE, READ_TREE, Caller
from .caching import VersionedCache
from .clock import SYSTEM_CLOCK, Clock
from .errors import InvalidInput, NotFound
from .events import iso
from .model import CATEGORIES, TIERS
from .paging import PageRequest

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
_MONTH = re.compile(MONTH_PATTERN)
GRASSROOTS = ("unit", "grid", "community")
POINTS_BY_KIND = points.points_by_kind()


def event_stats(store, caller: Caller, *, within: str | None = None, from_: str | None = None,
                to: str | None = None, category: str | None = None,
                clock: Clock = SYSTEM_CLOCK) -> dict:
    """Collected, closed, closure rate, where events were resolved and overdue steps, in
    total and by category and month. Dates are local collection dates, both inclusive."""
    caller.require(READ_TREE)
    params = _stats_params(caller, within, from_, to, category)
    prefix = params["prefix"]
    total: dict = _blank()
    by_category: dict[str, dict] = {}
    by_month: dict[str, dict] = {}

    def buckets(month: str, cat: str) -> tuple[dict, ...]:
        return (total, by_category.setdefault(cat, _blank()), by_month.setdefault(month, _blank()))

    # A city or wider is most events: scanned in the tally index; an area below, by unit code.
    statement = "events/stats_events_wide" if len(prefix) <= 4 else "events/stats_events"
    for r in store.read(statement, **params):
        cat, level, overdue = r["rest"].split("|")
        if category is not None and cat != category:
            continue
        for b in buckets(r["month"], cat):
            b["collected"] += r["n"]
            b["overdue_steps"] += int(overdue) * r["n"]
            if level != "-":
                b["closed"] += r["n"]
                b["resolved_at"][level] += r["n"]
    # An open event past its deadline now is one more overdue step (the sweep, when it flags
    # the event, moves that step into the tally).
    for r in store.read("events/stats_pending_overdue", **params, now=clock.now()):
        if category is None or r["category"] == category:
            for b in buckets(r["month"], r["category"]):
                b["overdue_steps"] += r["n"]
    return {"within": within, "from": from_, "to": to, "category": category,
            **_finish(total),
            "by_category": {k: _finish(v) for k, v in sorted(by_category.items())},
            "by_month": [{"month": m, **_finish(v)} for m, v in sorted(by_month.items())]}


def _stats_params(caller: Caller, within: str | None, from_: str | None, to: str | None,
                  category: str | None) -> dict:
    """The statements' parameters for :func:`event_stats`, each argument checked."""
    if within is not None:
        codes.check(within, "within")
    if category is not None and category not in CATEGORIES:
        raise InvalidInput(f"unknown category {category!r}", errors={"category": list(CATEGORIES)})
    start = dates.parse(from_, "from", required=False) or "1900-01-01"
    end = dates.parse(to, "to", required=False) or "9999-12-31"
    dates.check_period(start, end, field="to", start="from")
    prefix = caller.scope.within(within)
    if prefix is None:
        raise NotFound(f"no area {within}")
    return {"prefix": prefix, "from": start, "to_end": end + "~"}  # '~' sorts after '|'


def _blank() -> dict:
    return {"collected": 0, "closed": 0, "resolved_at": dict.fromkeys(TIERS[::-1], 0),
            "overdue_steps": 0}


def _finish(b: dict) -> dict:
    closed = b["closed"]
    grassroots = sum(b["resolved_at"][t] for t in GRASSROOTS)
    return {"collected": b["collected"], "closed": closed,
            "closure_rate": round(closed / b["collected"], 6) if b["collected"] else None,
            "resolved_at": b["resolved_at"],
            "grassroots_share": round(grassroots / closed, 6) if closed else None,
            "overdue_steps": b["overdue_steps"]}


def check_month(month: str | None, clock: Clock) -> str:
    if month is None:
        today = clock.now().date()
        return f"{today:%Y-%m}"
    if not _MONTH.match(month):
        raise InvalidInput(f"month {month!r} is not YYYY-MM", errors={"month": ["e.g. 2022-05"]})
    return month


def points_rules(caller: Caller) -> dict:
    """What each step earns and how stars are given, for any token that may read the ranking."""
    caller.require(READ_TREE)
    return points.published_rules()


def leader_ranking(store, caller: Caller, page: PageRequest, *, within: str | None = None,
                   month: str | None = None, stars_at_least: int = 0,
                   clock: Clock = SYSTEM_CLOCK, cache: VersionedCache | None = None,
                   snapshot: str | None = None) -> dict:
    """The month's unit leaders ranked by points, with stars; ``stars_at_least=5`` gives the
    honour roll. With a ``cache``, the pages of one ranking are cut from one computation for as
    long as no step, audited change or change to the network comes between them, and the
    answer names that computation (``snapshot``): given back, the next pages come from it for as
    long as it is kept, even after a change, so a reader's pages agree with each other."""
    caller.require(READ_TREE)
    if within is not None:
        codes.check(within, "within")
    month = check_month(month, clock)
    prefix = caller.scope.within(within)
    if prefix is None:
        raise NotFound(f"no area {within}")
    ranking, snapshot = ranked_leaders(store, prefix, month, cache, snapshot)
    ranked = [r for r in ranking if r.stars >= stars_at_least]
    return {**page.result([r.shown() for r in ranked[page.skip: page.skip + page.page_size]],
                          len(ranked)),
            "month": month, "snapshot": snapshot}


class Ranked(NamedTuple):
    """A leader's place in a month's ranking, flat: a cached city ranking is 36,000 of these."""
    rank: int
    person_id: str
    person_name: str
    unit_code: str
    unit_name: str
    points: int
    stars: int

    def shown(self) -> dict:
        return {"rank": self.rank, "person": {"id": self.person_id, "name": self.person_name},
                "unit": {"code": self.unit_code, "name": self.unit_name},
                "points": self.points, "stars": self.stars}


def ranked_leaders(store, prefix: str, month: str, cache: VersionedCache | None = None,
                   snapshot: str | None = None) -> tuple[list[Ranked], str | None]:
    """(the month's current unit leaders within ``prefix`` in ranking order, the name of the
    ranking): ordered as :func:`orggraph.points.ranking` orders them, ties by person id. The
    ranking named ``snapshot`` if it is kept; else the ranking as it stands, whose version is
    read before it (orggraph.caching says why)."""
    def compute() -> list[Ranked]:
        c = store.read_one("events/rank_points", prefix=prefix, month=month,
                           points=POINTS_BY_KIND)
        ids, scores = c["ids"], c["points"]
        # Ranked from the columns as they came: no row of dicts per leader on the way.
        order = sorted(range(len(ids)), key=lambda i: (-scores[i], ids[i]))
        return [Ranked(rank, ids[i], c["names"][i], c["unit_codes"][i], c["unit_names"][i],
                       scores[i], stars)
                for i, (rank, stars) in zip(order, points.places([scores[i] for i in order]),
                                            strict=True)]

    if cache is None:
        return compute(), None
    key = (prefix, month)
    if snapshot is not None and (kept := cache.kept(key)) and _named(kept[0]) == snapshot:
        return kept[1], snapshot
    version = tuple(store.read_one("events/get_events_version").values())
    return cache.get(key, version, compute), _named(version)


def _named(version: tuple) -> str:
    """A short name for a ranking's version, to be sent and given back."""
    return hashlib.sha256(repr(version).encode()).hexdigest()[:16]


def leaders_with_points(store, prefix: str, month: str) -> list[dict]:
    """The month's current unit leaders within ``prefix``: [{person, unit, points}]."""
    return leader_rows(store.read_one("events/rank_points", prefix=prefix, month=month,
                                      points=POINTS_BY_KIND))


def leader_rows(c: dict) -> list[dict]:
    """The row of columns events/rank_points returns, as a row per leader."""
    return [{"person": {"id": pid, "name": name}, "unit": {"code": code, "name": unit},
             "points": n} for pid, name, code, unit, n in zip(
                 c["ids"], c["names"], c["unit_codes"], c["unit_names"], c["points"],
                 strict=True)]


def leader_points(store, caller: Caller, person_id: str, *, month: str | None = None,
                  clock: Clock = SYSTEM_CLOCK) -> dict:
    """Every point a person earned in a month, each with its event and rule."""
    caller.require(READ_PEOPLE)
    month = check_month(month, clock)
    rows = store.read("events/list_person_steps", person_id=person_id, month=month,
                      scope=caller.scope.prefix)
    entries = []
    for r in rows:
        for rule in points.rules_of(r):
            entries.append({"event_id": r["event_id"], "summary": r["summary"], "seq": r["seq"],
                            "action": r["action"], "at": iso(r["at"]), "rule": rule,
                            "points": points.RULES[rule]})
    flagged = sorted({r["event_id"] for r in rows if r["self_closed"] and not r["verified"]})
    return {"person_id": person_id, "month": month,
            "points": sum(e["points"] for e in entries), "entries": entries,
            "flagged_self_closed": flagged}

