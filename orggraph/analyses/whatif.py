"""What if someone were gone: the network without a person or an agency, and the people whose
absence would cut communities off from a competent department."""

from __future__ import annotations

import networkx as nx

from .escalation import reachability

__all__ = ["without", "critical_people"]


def without(H: nx.DiGraph, person: str | None = None, agency: str | None = None) -> nx.DiGraph:
    """The escalation network ``H`` as if ``person`` (an id) or ``agency`` (a node) were gone:
    every hop that waits on the person is cut, and the agency with every hop to or from it.

    Examples
    --------
    >>> import networkx as nx
    >>> H = nx.DiGraph(G=nx.DiGraph())
    >>> H.add_edge("u", "g", hours=8, kind="report", person={"id": "p1", "name": "甲"})
    >>> without(H, person="p1").number_of_edges()
    0
    >>> H.number_of_edges()
    1
    """
    def keep_edge(u, v):
        return person is None or (H[u][v].get("person") or {}).get("id") != person

    def keep_node(n):
        return n != agency

    # A read-only view, not a copy: the what-if costs nothing until a path is searched.
    K = nx.subgraph_view(H, filter_node=keep_node, filter_edge=keep_edge)
    K.graph.update(H.graph)
    return K


def critical_people(H: nx.DiGraph, categories: list[str],
                    communities: set[str] | None = None) -> list[dict]:
    """People above the unit level (community secretaries, platform heads, those a community
    calls directly) whose absence leaves some community unable to reach a competent agency
    for some category it reaches today. Unit and grid leaders are left out: each one's
    absence cuts off exactly the unit or grid they lead, which the coverage gaps already say.
    """
    G = H.graph["G"]
    if communities is None:
        communities = {n for n in H if G.nodes[n].get("tier") == "community"}
    base = {(r["community"]["code"], r["category"]): r["reachable"]
            for r in reachability(H, categories, communities)}
    # Only the hops a community can reach can cut it off: index who waits on which of them.
    reached_by: dict[str, set[str]] = {}
    for c in communities:
        for n in nx.descendants(H, c) | {c}:
            reached_by.setdefault(n, set()).add(c)
    affected: dict[str, set[str]] = {}
    people: dict[str, dict] = {}
    for u, _, d in H.edges(data=True):
        p = d.get("person")
        if p and d["kind"] != "report" and u in reached_by:
            affected.setdefault(p["id"], set()).update(reached_by[u])
            people[p["id"]] = p
    out = []
    for pid in sorted(affected):
        K = without(H, person=pid)
        lost = [(r["community"], r["category"])
                for r in reachability(K, categories, affected[pid])
                if base.get((r["community"]["code"], r["category"])) and not r["reachable"]]
        if lost:
            cut = sorted({c["code"] for c, _ in lost})
            out.append({"person": people[pid], "communities_cut_off": len(cut),
                        "examples": [{"community": c, "category": k} for c, k in lost[:5]]})
    out.sort(key=lambda r: (-r["communities_cut_off"], r["person"]["id"]))
    return out
