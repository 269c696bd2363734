"""Running the analyses for a caller: the projection of its scope (cached), then pure functions.

Every analysis works on the projection of the caller's whole scope, so one cached graph serves
every ``within``; results are then narrowed to ``within``.
"""

from __future__ import annotations

import time

from . import codes
from .analyses import (
    NoPath,
    Norms,
    coverage_gaps,
    critical_people,
    escalation_network,
    escalation_paths,
    reachability,
    understaffed_grids,
    without,
)
from .analyses.coverage import GAP_KINDS
from .analyses.coverage import gap_map as tree
from .analyses.norms import DEFAULT_NORMS
from .auth import RUN_ANALYSES, Caller
from .errors import InvalidInput, NotFound
from .model import CATEGORIES, TIERS
from .projection import Memo, ProjectionCache, paused_gc


def _graph(store, caller: Caller, cache: ProjectionCache, within: str | None):
    caller.require(RUN_ANALYSES)
    if within is not None:
        codes.check(within, "within")
    narrowed = caller.scope.within(within)
    if narrowed is None:
        raise NotFound(f"no area {within}")
    return cache.graph(store, caller.scope.prefix), narrowed


def _memo(G, key: tuple, compute):
    """What ``compute()`` derives from ``G``, kept with it (and dropped with it), computed by
    one thread while any other that needs it waits. Results are large and long-lived, so they
    are built with the cyclic collector paused."""
    memo = G.graph["memo"]
    if key in memo:
        return memo[key]
    with memo.lock:
        if key not in memo:
            with paused_gc():
                memo[key] = compute()
    return memo[key]


def _network(G, norms: Norms):
    return _memo(G, ("escalation", norms), lambda: escalation_network(G, norms))


def _reachability(G, norms: Norms) -> list[dict]:
    return _memo(G, ("reachability", norms),
                 lambda: reachability(_network(G, norms), list(CATEGORIES)))


def unreachable_gaps(rows: list[dict]) -> list[dict]:
    return [{"kind": "category_unreachable",
             "area": {**r["community"], "tier": "community"}, "category": r["category"],
             "detail": f"{r['community']['name']} cannot reach any agency handling "
                       f"{r['category']} ({CATEGORIES[r['category']]}); pair or link it with "
                       "one, or give its district one"} for r in rows if not r["reachable"]]


def parse_without(G, value: str | None) -> tuple[str | None, str | None]:
    """``person:<id>`` or ``agency:<id>`` -> (person id, agency node); 422 when unknown."""
    if value is None:
        return None, None
    kind, _, ident = value.partition(":")
    if kind == "agency" and f"agency:{ident}" in G:
        return None, f"agency:{ident}"
    if kind == "person" and ident and _in_charge(G, ident):
        return ident, None
    raise InvalidInput(f"without={value!r} names no one in charge in your scope",
                       errors={"without": ["person:<id> or agency:<id> of someone in charge"]})


def _in_charge(G, person: str) -> bool:
    """Whether ``person`` leads, heads or is called on anywhere in ``G`` (stops at the first)."""
    for _, a in G.nodes(data=True):
        if (a.get("head") or {}).get("id") == person or any(
                p["id"] == person for key in ("unit_leaders", "grid_leaders", "secretaries")
                for p in a.get(key, ())):
            return True
    return any((d.get("person") or {}).get("id") == person for *_, d in G.edges(data=True))


def _minus_person(G, person: str):
    """A copy of ``G`` in which ``person`` leads nothing and is secretary of nothing."""
    H = G.copy()
    for _, a in H.nodes(data=True):
        for key in ("unit_leaders", "grid_leaders", "secretaries"):
            if any(p["id"] == person for p in a.get(key, ())):
                a[key] = [p for p in a[key] if p["id"] != person]
    H.graph["memo"] = Memo()
    return H


def gaps(store, caller: Caller, cache: ProjectionCache, *, within: str | None = None,
         kind: str | None = None, without_: str | None = None,
         norms: Norms = DEFAULT_NORMS) -> dict:
    if kind is not None and kind not in GAP_KINDS:
        raise InvalidInput(f"unknown gap kind {kind!r}", errors={"kind": list(GAP_KINDS)})
    G, prefix = _graph(store, caller, cache, within)
    return _gaps(G, prefix, kind, without_, norms)


def _gaps(G, prefix: str, kind: str | None, without_: str | None, norms: Norms) -> dict:
    if without_ is not None:
        person, agency = parse_without(G, without_)
        base = _minus_person(G, person) if person else G
        H = without(_network(G, norms), person=person, agency=agency)
        result = coverage_gaps(base, norms, unreachable_gaps(reachability(H, list(CATEGORIES))))
    else:
        result = _memo(G, ("gaps", norms), lambda: coverage_gaps(
            G, norms, unreachable_gaps(_reachability(G, norms))))
    items = [i for i in result["items"] if i["area"]["code"].startswith(prefix)
             and (kind is None or i["kind"] == kind)]
    summary = dict.fromkeys(GAP_KINDS, 0)
    for i in items:
        summary[i["kind"]] += 1
    return {"summary": summary, "items": items}


def gap_map(store, caller: Caller, cache: ProjectionCache, *, within: str | None = None,
            depth: str = "community", norms: Norms = DEFAULT_NORMS) -> dict:
    """Gap counts over the tree from ``within`` (default: the caller's scope) down to
    ``depth``, for a treemap."""
    if depth not in TIERS[1:]:
        raise InvalidInput(f"depth {depth!r} is not a tier below the city",
                           errors={"depth": list(TIERS[1:])})
    G, prefix = _graph(store, caller, cache, within)
    result = _gaps(G, prefix, None, None, norms)
    root = within or caller.scope.code or next(
        (n for n, a in G.nodes(data=True) if a.get("tier") == "city"), None)
    if root is None:
        raise NotFound("no city in the graph")
    return tree(G, result["items"], root, depth)


def understaffed(store, caller: Caller, cache: ProjectionCache, *, within: str | None = None,
                 limit: int = 50, norms: Norms = DEFAULT_NORMS) -> list[dict]:
    G, prefix = _graph(store, caller, cache, within)
    grids = _memo(G, ("understaffed", norms), lambda: understaffed_grids(G, norms, limit=None))
    rows = [r for r in grids if r["grid"]["code"].startswith(prefix)]
    return rows[:limit]


def reachable(store, caller: Caller, cache: ProjectionCache, *, within: str | None = None,
              category: str | None = None, norms: Norms = DEFAULT_NORMS) -> list[dict]:
    if category is not None and category not in CATEGORIES:
        raise InvalidInput(f"unknown category {category!r}",
                           errors={"category": list(CATEGORIES)})
    G, prefix = _graph(store, caller, cache, within)
    return [r for r in _reachability(G, norms) if r["community"]["code"].startswith(prefix)
            and (category is None or r["category"] == category)]


def escalate(store, caller: Caller, cache: ProjectionCache, *, unit: str, category: str,
             k: int = 2, without_: str | None = None, norms: Norms = DEFAULT_NORMS) -> dict:
    codes.check(unit, "unit")
    if codes.tier_of(unit) != "unit":
        raise InvalidInput(f"{unit} is not a unit", errors={"unit": ["an 18-digit unit code"]})
    if category not in CATEGORIES:
        raise InvalidInput(f"unknown category {category!r}",
                           errors={"category": list(CATEGORIES)})
    G, _ = _graph(store, caller, cache, None)
    if unit not in G:
        raise NotFound(f"no unit {unit}")
    H = _network(G, norms)
    if without_ is not None:
        person, agency = parse_without(G, without_)
        H = without(H, person=person, agency=agency)
    try:
        best, *alternatives = escalation_paths(H, unit, category, k)
    except NoPath as e:
        raise NotFound(e.reason) from None
    return {"unit": {"code": unit, "name": G.nodes[unit]["name"]}, "category": category,
            **best, "alternatives": alternatives}


def critical(store, caller: Caller, cache: ProjectionCache, *, within: str | None = None,
             norms: Norms = DEFAULT_NORMS) -> list[dict]:
    """People whose absence would cut communities (of ``within``) off from a department."""
    G, prefix = _graph(store, caller, cache, within)

    def compute():
        communities = {n for n, a in G.nodes(data=True)
                       if a.get("tier") == "community" and n.startswith(prefix)}
        return critical_people(_network(G, norms), list(CATEGORIES), communities)

    return _memo(G, ("critical", prefix, norms), compute)


def recommendations(store, caller: Caller, cache: ProjectionCache, *,
                    within: str | None = None, secondees: int = 10, per_grid: int = 1,
                    norms: Norms = DEFAULT_NORMS) -> dict:
    """Pairings for the unpaired communities of ``within`` and placements for new secondees,
    at most ``per_grid`` in one grid."""
    from .analyses.recommend import recommend_pairings, recommend_secondees

    G, prefix = _graph(store, caller, cache, within)

    def pair():  # over the whole graph, so the flow spreads the load over every agency
        unreachable: dict[str, set[str]] = {}
        for r in _reachability(G, norms):
            if not r["reachable"]:
                unreachable.setdefault(r["community"]["code"], set()).add(r["category"])
        return recommend_pairings(G, unreachable)

    pairings = [p for p in _memo(G, ("pairings", norms), pair)
                if p["community"]["code"].startswith(prefix)]
    grids = understaffed(store, caller, cache, within=within, limit=max(secondees * 5, 50),
                         norms=norms)
    return {"pairings": pairings,
            "secondees": recommend_secondees(grids, secondees, per_grid, norms=norms)}


def route(store, cache: ProjectionCache, event: dict, norms: Norms = DEFAULT_NORMS) -> dict:
    """Where an event should go from where it is now: the agency to dispatch it to from this
    level (the cheapest one reachable in one dispatch or call, none if there is none), and the
    cheapest path overall. Agencies that returned the event are left out.

    Routing uses the projection of the unit's whole city: the departments above a caller's
    scope are where events go, and their names are public.
    """
    import networkx as nx

    unit, category = event["unit_code"], event["category"]
    G = cache.graph(store, codes.prefix(codes.ancestor(unit, "city")))
    H = _network(G, norms)
    gone = {f"agency:{a}" for a in event.get("returned_by") or ()}
    if gone:
        K = nx.subgraph_view(H, filter_node=lambda n: n not in gone)
        K.graph.update(H.graph)
        H = K
    source = _source(G, H, event)
    try:
        paths = escalation_paths(H, unit, category, k=8, source=source)
    except NoPath as e:
        return {"from": source, "dispatch_to": None, "best": None, "reason": e.reason}
    direct = next((p for p in paths if len(p["hops"]) == 1
                   and p["hops"][0]["kind"] in ("dispatch", "call")), None)
    return {"from": source, "dispatch_to": direct["target"] if direct else None,
            "best": paths[0], "reason": None if direct else
            "no competent agency can be called directly from here; escalate"}


def _source(G, H, event: dict) -> str:
    """The network node an event is at: its area, or the platform centre of a town and up."""
    area = event["area_code"]
    if event["level"] in ("town", "district", "city"):
        platforms = _memo(G, ("platforms",), lambda: {
            a["jurisdiction"]: n for n, a in G.nodes(data=True)
            if a.get("kind") == "agency" and a["agency_kind"] == "platform_centre"})
        return platforms.get(area, area)
    return area if area in H else event["unit_code"]


def warm_areas(store, configured: tuple[str, ...] | None) -> tuple[str, ...]:
    """The areas to prepare: those configured, else the graph's city when it holds only one
    (with more, each city's projection could cost more memory than a worker should take
    unasked: name them instead)."""
    if configured is not None:
        return configured
    cities = tuple(r["code"] for r in store.read("projection/list_cities"))
    return cities if len(cities) == 1 else ()


def warm(store, cache: ProjectionCache, area: str) -> tuple[int, float]:
    """Build the projection of ``area`` and what the first requests read from it (the
    escalation network that routes events, the reachability, the gaps, the ranked grids, the
    proposed pairings: what the gaps screen asks for), as an analyst of that area would: its
    number of nodes, and the seconds it took."""
    started = time.perf_counter()
    caller = Caller.of("warm-up", "analyst", codes.check(area, "area"), name="warm-up")
    gaps(store, caller, cache)
    recommendations(store, caller, cache, secondees=0)
    nodes = cache.graph(store, caller.scope.prefix).number_of_nodes()
    return nodes, time.perf_counter() - started
