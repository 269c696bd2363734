"""Recommendations by optimisation: pairings for unpaired communities, and where N new
secondees close the most gap. Both are min-cost flows on a small bipartite network."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from ..codes import parent_of
from .norms import DEFAULT_NORMS, Norms
from .staffing import load

__all__ = ["recommend_pairings", "recommend_secondees"]

SOURCE, SINK = "_source", "_sink"


def recommend_pairings(G: nx.DiGraph, unreachable: dict[str, set[str]]) -> list[dict]:
    """One agency for each unpaired community, so that the pairings close the most
    ``category_unreachable`` gaps and spread the load.

    ``unreachable`` maps a community to the categories it cannot reach. Candidates are the
    agencies of the community's district and of the city (not platform centres). A pair costs
    -100 per unreachable category the agency handles; the k-th new pairing of an agency costs
    its current number of pairings + k (convex, so the flow balances the load instead of
    piling it on the idlest agency).
    """
    paired = {v for _, v, d in G.edges(data=True) if d.get("kind") == "pairing"}
    held = Counter(u for u, _, d in G.edges(data=True) if d.get("kind") == "pairing")
    F, candidates = _pairing_network(G, paired, unreachable, held)
    if not candidates:
        return []
    flow = nx.max_flow_min_cost(F, SOURCE, SINK)
    return [_recommended(G, c, n, unreachable, held)
            for c in sorted(candidates) for n, f in flow[c].items() if f]


def _pairing_network(G: nx.DiGraph, paired: set[str], unreachable: dict[str, set[str]],
                     held: Counter) -> tuple[nx.DiGraph, dict[str, list[str]]]:
    """The flow network of :func:`recommend_pairings` (source, each unpaired community, its
    candidate agencies, one slot per possible new pairing of an agency, sink), and each
    community's candidates."""
    agencies = [(n, g) for n, g in G.nodes(data=True)
                if g.get("kind") == "agency" and g["agency_kind"] != "platform_centre"]
    # The agencies of each district and its city, found once per district (not by a scan of
    # the whole graph per community), in the graph's order, which the flow's ties follow.
    serving: dict[str, list[tuple[str, dict]]] = {}
    F = nx.DiGraph()
    candidates: dict[str, list[str]] = {}
    for c, a in G.nodes(data=True):
        if a.get("tier") != "community" or c in paired:
            continue
        district = c[:6]
        if district not in serving:
            areas = (district, parent_of(district))
            serving[district] = [(n, g) for n, g in agencies if g["jurisdiction"] in areas]
        for n, g in serving[district]:
            gain = len(g["categories"] & unreachable.get(c, set()))
            F.add_edge(c, n, capacity=1, weight=-100 * gain)
            candidates.setdefault(c, []).append(n)
        F.add_edge(SOURCE, c, capacity=1, weight=0)
    wanted = Counter(n for ns in candidates.values() for n in ns)
    for n, k in wanted.items():
        for i in range(k):  # one slot per possible new pairing, each dearer than the last
            F.add_edge(n, (n, i), capacity=1, weight=held[n] + i)
            F.add_edge((n, i), SINK, capacity=1, weight=0)
    return F, candidates


def _recommended(G: nx.DiGraph, c: str, n: str, unreachable: dict[str, set[str]],
                 held: Counter) -> dict:
    """Community ``c`` paired with agency ``n``, and why."""
    g = G.nodes[n]
    closes = sorted(g["categories"] & unreachable.get(c, set()))
    reason = (f"{g['name']} handles {', '.join(closes)}, which "
              f"{G.nodes[c]['name']} cannot reach today" if closes else
              f"{g['name']} serves {G.nodes[c]['name']}'s area and has "
              f"{held[n]} pairing(s), among the fewest")
    return {"community": {"code": c, "name": G.nodes[c]["name"]},
            "agency": {"id": g["id"], "name": g["name"], "tier": g["tier"]},
            "closes": closes, "agency_pairings": held[n], "reason": reason}


def recommend_secondees(understaffed: list[dict], n: int, per_grid: int = 1,
                        norms: Norms = DEFAULT_NORMS) -> list[dict]:
    """Where ``n`` new secondees lower the understaffed score the most, at most ``per_grid``
    each. The gain of a placement is the drop in the grid's score: one more person in charge,
    and the 0.5 for "no secondee nearby" if it applied. Each further secondee in the same grid
    gains less than the one before (the k-th takes the grid from ``in_charge + k - 1`` people
    to ``in_charge + k``), so each grid gets one slot per secondee, dearest last, and the flow
    fills them in order."""
    F = nx.DiGraph()
    F.add_edge(SOURCE, "_slots", capacity=n, weight=0)
    gains: dict[str, tuple[list[float], dict]] = {}
    for row in understaffed:
        code = row["grid"]["code"]
        steps = _gains(row, per_grid, norms)
        gains[code] = (steps, row)
        F.add_edge("_slots", code, capacity=per_grid, weight=0)
        for k, gain in enumerate(steps):
            F.add_edge(code, (code, k), capacity=1, weight=-round(gain * 1000))
            F.add_edge((code, k), SINK, capacity=1, weight=0)
    if not gains or n <= 0:
        return []
    flow = nx.max_flow_min_cost(F, SOURCE, SINK)
    out = []
    for code, f in flow["_slots"].items():
        if f:
            steps, row = gains[code]
            after = row["residents"] / (row["staff"]["in_charge"] + f)
            # The slots are dearer one after another, so the f filled are the first f.
            out.append({"grid": row["grid"], "secondees": f,
                        "score_drop": round(sum(steps[:f]), 3),
                        "residents_per_staff": row["residents_per_staff"],
                        "residents_per_staff_after": round(after, 1),
                        "findings": row["findings"],
                        "reason": f"{row['grid']['name']}: " + "; ".join(
                            row["reasons"] or [_lighter_load(row, f, after, norms)])})
    out.sort(key=lambda r: -r["score_drop"])
    return out


def _gains(row: dict, per_grid: int, norms: Norms) -> list[float]:
    """The drop in the grid's score from each of ``per_grid`` more people in charge, in turn
    (the score's :func:`~.staffing.load` term, and the 0.5 for nobody seconded nearby)."""
    staff, residents = row["staff"]["in_charge"], row["residents"]
    steps = [load(residents, staff + k, norms) - load(residents, staff + k + 1, norms)
             for k in range(per_grid)]
    if row["staff"]["secondees"] == 0:
        steps[0] += 0.5
    return steps


def _lighter_load(row: dict, placed: int, after: float, norms: Norms) -> str:
    """The reason for a placement in a grid that lacks nothing: its people in charge serve
    fewer residents each."""
    more = "one more" if placed == 1 else f"{placed} more"
    return (f"{row['residents_per_staff']:.0f} residents per person in charge, {after:.0f} "
            f"with {more} (norm {norms.residents_per_staff})")
