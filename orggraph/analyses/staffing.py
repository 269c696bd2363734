"""Understaffed grids: residents per person in charge against the norm, and what is missing."""

from __future__ import annotations

import networkx as nx

from .norms import DEFAULT_NORMS, Norms

__all__ = ["understaffed_grids"]


def understaffed_grids(G: nx.DiGraph, norms: Norms = DEFAULT_NORMS, limit: int | None = 50) -> list:
    """Grids ranked worst first by a score.

    The score is ``residents / staff / norms.residents_per_staff`` (1.0 is at the norm) plus
    1 for a missing grid leader, 1 for a missing branch, 0.5 per unit without a leader, and 0.5
    when no secondee works in the grid or its community. Staff are the grid leader, the
    distinct unit leaders and the grid's own secondees (``staff.in_charge``); ``staff.secondees``
    counts those of its community too.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("g", kind="area", tier="grid", name="g", residents=600, grid_leaders=[],
    ...            party_orgs=[], secondees=[])
    >>> G.add_node("c", kind="area", tier="community", name="c", secondees=[])
    >>> G.add_edge("g", "c", kind="part_of")
    >>> understaffed_grids(G)[0]["reasons"][0]
    'no grid leader'
    """
    rows = []
    for code, g in G.nodes(data=True):
        if g.get("kind") != "area" or g.get("tier") != "grid":
            continue
        units = [u for u in G.predecessors(code) if G.nodes[u].get("tier") == "unit"]
        unit_leaders = {p["id"] for u in units for p in G.nodes[u]["unit_leaders"]}
        leaderless = sum(1 for u in units if not G.nodes[u]["unit_leaders"])
        community = next((c for c in G.successors(code)
                          if G.nodes[c].get("tier") == "community"), None)
        nearby = len(g["secondees"]) + (len(G.nodes[community]["secondees"]) if community else 0)
        staff = len(g["grid_leaders"]) + len(unit_leaders) + len(g["secondees"])
        per_staff = g["residents"] / staff if staff else float(g["residents"])
        score, reasons = per_staff / norms.residents_per_staff, []
        if per_staff > norms.residents_per_staff:
            reasons.append(f"{per_staff:.0f} residents per person in charge "
                           f"(norm {norms.residents_per_staff})")
        if not g["grid_leaders"]:
            score += 1
            reasons.insert(0, "no grid leader")
        if not g["party_orgs"]:
            score += 1
            reasons.append("no Party branch")
        if leaderless:
            score += 0.5 * leaderless
            reasons.append(f"{leaderless} unit(s) without a leader")
        if not nearby:
            score += 0.5
            reasons.append("no secondee in the grid or its community")
        rows.append({"grid": {"code": code, "name": g["name"]}, "residents": g["residents"],
                     "staff": {"grid_leaders": len(g["grid_leaders"]),
                               "unit_leaders": len(unit_leaders), "secondees": nearby,
                               "in_charge": staff},
                     "residents_per_staff": round(per_staff, 1), "score": round(score, 3),
                     "reasons": reasons})
    rows.sort(key=lambda r: (-r["score"], r["grid"]["code"]))
    return rows[:limit] if limit else rows
