"""Understaffed grids: residents per person in charge against the norm, and what is missing."""

from __future__ import annotations

import networkx as nx

from .norms import DEFAULT_NORMS, Norms

__all__ = ["understaffed_grids", "load"]

# A finding's sentence; the web page renders the same kinds in Chinese (app.js, FINDINGS).
_REASONS = {
    "no_grid_leader": "no grid leader",
    "overloaded": "{residents_per_staff} residents per person in charge (norm {norm})",
    "no_party_branch": "no Party branch",
    "units_without_leader": "{units} unit(s) without a leader",
    "no_secondee_nearby": "no secondee in the grid or its community",
}


def understaffed_grids(G: nx.DiGraph, norms: Norms = DEFAULT_NORMS, limit: int | None = 50) -> list:
    """Grids ranked worst first by a score.

    The score is ``residents / staff / norms.residents_per_staff`` (1.0 is at the norm) plus
    1 for a missing grid leader, 1 for a missing branch, 0.5 per unit without a leader, and 0.5
    when no secondee works in the grid or its community. Staff are the grid leader, the
    distinct unit leaders and the grid's own secondees (``staff.in_charge``); ``staff.secondees``
    counts those of its community too. Each row's ``findings`` say what is missing, as a kind
    and its figures; ``reasons`` say the same in sentences.

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
        per_staff = g["residents"] / max(staff, 1)
        score, findings = load(g["residents"], staff, norms), []
        if not g["grid_leaders"]:
            score += 1
            findings.append({"kind": "no_grid_leader"})
        if per_staff > norms.residents_per_staff:
            findings.append({"kind": "overloaded", "residents_per_staff": round(per_staff),
                             "norm": norms.residents_per_staff})
        if not g["party_orgs"]:
            score += 1
            findings.append({"kind": "no_party_branch"})
        if leaderless:
            score += 0.5 * leaderless
            findings.append({"kind": "units_without_leader", "units": leaderless})
        if not nearby:
            score += 0.5
            findings.append({"kind": "no_secondee_nearby"})
        rows.append({"grid": {"code": code, "name": g["name"]}, "residents": g["residents"],
                     "staff": {"grid_leaders": len(g["grid_leaders"]),
                               "unit_leaders": len(unit_leaders), "secondees": nearby,
                               "in_charge": staff},
                     "residents_per_staff": round(per_staff, 1), "score": round(score, 3),
                     "reasons": [_reason(f) for f in findings], "findings": findings})
    rows.sort(key=lambda r: (-r["score"], r["grid"]["code"]))
    return rows[:limit] if limit else rows


def load(residents: int, people: int, norms: Norms = DEFAULT_NORMS) -> float:
    """The score's first term: residents per person in charge against the norm (1.0 is at
    it), counting at least one person."""
    return residents / max(people, 1) / norms.residents_per_staff


def _reason(finding: dict) -> str:
    """What a finding says, in a sentence."""
    return _REASONS[finding["kind"]].format(**finding)
