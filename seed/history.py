"""The seed's event history: events collected in units and moved up by the workflow's own rules.

Calibrated to the article at full scale (Putian, scale 1, May 2022 to March 2023): about
514,400 events, 99.28 % closed, 60 % of disputes settled by unit leaders, more than 90 % of
events resolved at community level or below. Every step goes through
:func:`orggraph.events.transition`, so the history is one the API itself could have recorded.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from orggraph import codes
from orggraph.events import new_event, transition, wire
from orggraph.workflow import CHINA, DEFAULT_POLICY, Policy

from .chunk import Chunk
from .divisions import Division
from .skeleton import AgencyIndex

FULL_HISTORY = ("2022-05", "2023-03")
DEFAULT_HISTORY = ("2022-05", "2022-05")
# 514,400 events over 11 months on the 37,461 units of Putian at scale 1.
EVENTS_PER_UNIT_MONTH = 514_400 / 11 / 37_461
CLOSED = 510_700 / 514_400
LATE = 0.02  # share of level stays that end after their deadline
CHECKED = 0.85  # share of unit leaders' own settlements checked by someone else

CATEGORY_WEIGHTS = {
    "dispute": 35, "public_facility": 15, "environment": 12, "public_security": 10,
    "housing": 8, "production_safety": 8, "epidemic": 5, "land": 4, "elderly_care": 3,
}
# Where events are resolved, unit → city. Disputes: 60 % by unit leaders (the article).
RESOLVED_AT = {
    "dispute": (0.60, 0.10, 0.22, 0.06, 0.015, 0.005),
    "other": (0.47, 0.13, 0.31, 0.07, 0.017, 0.003),
}
LEVELS = ("unit", "grid", "community", "town", "district", "city")
SUMMARIES = {
    "dispute": ("邻里噪音纠纷", "楼道堆物引发争执", "物业费争议", "宅基地边界纠纷", "婚姻家庭矛盾"),
    "public_facility": ("路灯损坏", "井盖缺失", "健身器材损坏", "楼道照明故障"),
    "environment": ("垃圾清运不及时", "污水外溢", "油烟扰民", "河道漂浮物"),
    "public_security": ("可疑人员出没", "电动车乱停放", "夜间聚集喧哗"),
    "housing": ("安置房面积争议", "房屋漏水", "老旧小区改造诉求"),
    "production_safety": ("店铺消防通道堵塞", "燃气瓶存放隐患", "工地防护缺失"),
    "epidemic": ("返乡人员健康登记", "疫苗接种咨询"),
    "land": ("土地征收补偿咨询", "违规占用耕地"),
    "elderly_care": ("独居老人照护需求", "老年食堂就餐需求"),
}


def months(history: tuple[str, str]) -> list[tuple[int, int]]:
    """The (year, month) pairs from the first to the last, both included.

    >>> months(("2022-11", "2023-02"))
    [(2022, 11), (2022, 12), (2023, 1), (2023, 2)]
    """
    y, m = map(int, history[0].split("-"))
    y1, m1 = map(int, history[1].split("-"))
    out = []
    while (y, m) <= (y1, m1):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def generate(chunk: Chunk, d: Division, index: AgencyIndex, seed: int,
             history: tuple[str, str], policy: Policy = DEFAULT_POLICY) -> None:
    """Append the events (and their steps) of community ``d``'s units to ``chunk``."""
    rng = random.Random(f"{seed}:{d.code}:events")
    people = {p["id"]: {"id": p["id"], "name": p["name"]} for p in chunk["people"]}
    leaders = {r["area_code"]: people[r["person_id"]] for r in chunk["leads"]
               if r.get("until") is None and r["area_code"].startswith(d.code)}
    who = _Deciders(d.code, people, leaders, index)
    cats, weights = zip(*CATEGORY_WEIGHTS.items(), strict=True)
    units = [a["code"] for a in chunk["areas"]
             if a["tier"] == "unit" and a["code"].startswith(d.code)]
    for unit in units:
        k = 0
        for y, m in months(history):
            n = int(EVENTS_PER_UNIT_MONTH) + (rng.random() < EVENTS_PER_UNIT_MONTH % 1)
            for _ in range(n):
                k += 1
                category = rng.choices(cats, weights)[0]
                day = rng.randint(1, 28 if m == 2 else 30)
                at = datetime(y, m, day, rng.randint(7, 21), rng.randint(0, 59), tzinfo=CHINA)
                _event(chunk, rng, who, policy, f"ev-{y}{m:02d}{day:02d}-{unit}-{k:03d}", unit,
                       category, at)


class _Deciders:
    """Who acts at each level for a unit of one community."""

    def __init__(self, community: str, people: dict, leaders: dict, index: AgencyIndex):
        self.community, self.leaders, self.index = community, leaders, index
        self.secretary = people.get(f"ps-{community}")

    def at(self, level: str, unit: str) -> dict:
        """The unit's leader, else its grid's leader, else the community's secretary; above,
        the head of the area's platform centre, else its secretary."""
        if level == "unit":
            return self.leaders.get(unit) or self.at("grid", unit)
        if level == "grid":
            return self.leaders.get(codes.ancestor(unit, "grid")) or self.at("community", unit)
        if level == "community":
            return self.secretary
        area = codes.ancestor(unit, level)
        centre = self.index.of(area, kind="platform_centre")
        return self.index.heads[centre[0]["id"]] if centre else self.index.secretaries[area]

    def agency(self, level: str, unit: str, category: str, rng: random.Random) -> dict | None:
        if level not in ("town", "district", "city"):
            return None
        pool = [a for a in self.index.of(codes.ancestor(unit, level), category=category)
                if a["kind"] != "platform_centre"]
        return rng.choice(pool) if pool else None


def _event(chunk: Chunk, rng: random.Random, who: _Deciders, policy: Policy, eid: str,
           unit: str, category: str, at: datetime) -> None:
    reporter = who.at("unit", unit)
    event, first = new_event(eid, unit, category, rng.choice(SUMMARIES[category]), reporter,
                             at, policy, token_id=None)
    state, steps = dict(event), [first]
    clock = [at]

    def step(action: str, person: dict, *, to: str | None = None, ends_stay: bool = False):
        t = clock[0] + timedelta(minutes=rng.randint(5, 120))
        if ends_stay and rng.random() < LATE:
            t = state["due_at"] + timedelta(hours=rng.randint(1, 12))
        elif t >= state["due_at"]:
            t = max(clock[0] + timedelta(seconds=1), state["due_at"] - timedelta(minutes=1))
        clock[0] = t
        changes, s = transition(state, action, person, t, policy, to=to)
        state.update(changes)
        steps.append(s)

    shares = RESOLVED_AT["dispute" if category == "dispute" else "other"]
    final = rng.choices(LEVELS, shares)[0]
    closes = rng.random() < CLOSED
    step("preprocess", reporter)
    if final != "unit":
        # The unit goes to its grid only when the grid settles it; else straight to the
        # community, as the article's chain runs.
        step("escalate", reporter, to="grid" if final == "grid" else "community",
             ends_stay=True)
        for level in LEVELS[LEVELS.index(state["level"]):]:
            decider = who.at(level, unit)
            step("assess", decider)
            if level == final:
                break
            step("escalate", decider, ends_stay=True)
    decider = who.at(final, unit)
    agency = who.agency(final, unit, category, rng)
    if agency and closes:
        step("dispatch", decider, to=agency["id"], ends_stay=True)
        decider = who.index.heads[agency["id"]]
    if closes:
        step("resolve", decider, ends_stay=True)
        if state["self_closed"] and rng.random() < CHECKED:
            checker = who.at("grid", unit)
            if checker["id"] != reporter["id"]:
                step("verify", checker)
    chunk["events"].append(wire(state))
    chunk["steps"].extend(wire(s) for s in steps)
