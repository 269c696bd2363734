"""How an event reaches a competent department: the escalation network and its shortest paths.

The network is directed and weighted in hours. The chain: unit → grid → community → the town's
platform centre → the district's → the city's, each hop at most a working day (the same-day
rule); a platform centre dispatches to the agencies of its own area. Shortcuts: a community
calls an agency it is paired or linked with, or that has a secondee there. Each hop names the
person it waits on. A target is an agency competent for the category whose jurisdiction covers
the unit.
"""

from __future__ import annotations

import networkx as nx

from ..codes import parent_of
from .norms import DEFAULT_NORMS, Norms

__all__ = ["NoPath", "escalation_network", "escalation_paths", "reachability"]


class NoPath(Exception):  # noqa: N818 - a domain outcome, named as people say it
    """No competent agency with jurisdiction can be reached; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _person(people: list[dict]) -> dict | None:
    return {"id": people[0]["id"], "name": people[0]["name"]} if people else None


# Who a unit's or a grid's report up waits on.
REPORTERS = {"unit": "unit_leaders", "grid": "grid_leaders"}


def escalation_network(G: nx.DiGraph, norms: Norms = DEFAULT_NORMS) -> nx.DiGraph:
    """The hand-over network of ``G``: its edges carry ``hours``, ``kind`` (report, escalate,
    dispatch, call) and ``person`` (who the hop waits on); names and tiers stay in ``G``, which
    the network keeps as ``H.graph["G"]``."""
    areas, agencies = [], []
    for node, a in G.nodes(data=True):
        (agencies if a.get("kind") == "agency" else areas).append((node, a))
    platforms = {a["jurisdiction"]: n for n, a in agencies
                 if a["agency_kind"] == "platform_centre"}
    H = nx.DiGraph(G=G)
    H.add_nodes_from(n for n, _ in agencies)
    H.add_edges_from(_hand_overs(G, areas, agencies, platforms, norms.hours_per_level))
    _add_calls(H, G, agencies, norms.shortcut_hours)
    return H


def _hand_overs(G: nx.DiGraph, areas: list, agencies: list, platforms: dict[str, str],
                h: float) -> list[tuple]:
    """The edges up the chain (report, escalate) and from platform centres down (dispatch),
    each a level's working day ``h``."""
    nodes = G.nodes
    edges = []
    for node, a in areas:
        parent, tier = a.get("parent"), a["tier"]
        if tier in REPORTERS and parent in nodes:
            edges.append((node, parent, {"hours": h, "kind": "report",
                                         "person": _person(a[REPORTERS[tier]])}))
        elif tier == "community":
            up = platforms.get(parent, parent if parent in nodes else None)
            if up:
                edges.append((node, up, {"hours": h, "kind": "escalate",
                                         "person": _person(a["secretaries"])}))
    for area, centre in platforms.items():
        if parent_of(area) in platforms:
            edges.append((centre, platforms[parent_of(area)],
                          {"hours": h, "kind": "escalate", "person": nodes[centre]["head"]}))
    for node, a in agencies:
        centre = platforms.get(a["jurisdiction"]) if a["agency_kind"] != "platform_centre" \
            else None
        if centre:
            edges.append((centre, node, {"hours": h, "kind": "dispatch",
                                         "person": nodes[centre]["head"]}))
    return edges


def _add_calls(H: nx.DiGraph, G: nx.DiGraph, agencies: list, hours: float) -> None:
    """A community's shortcuts to the agencies it is paired or linked with or that have a
    secondee there. Partnerships are edges out of agencies only: their few hundred, not every
    area's."""
    nodes = G.nodes
    for agency, _ in agencies:
        for area, d in G.succ[agency].items():
            if d["kind"] in ("pairing", "linkage", "secondment") and \
                    nodes[area]["tier"] == "community":
                if not H.has_edge(area, agency) or H[area][agency]["kind"] != "call":
                    H.add_edge(area, agency, hours=hours, kind="call",
                               person=d.get("person") or nodes[agency]["head"], via=d["kind"])


def _competent(H: nx.DiGraph) -> dict[str, dict[str, list[str]]]:
    """category -> jurisdiction code -> agency nodes, computed once per network."""
    if "competent" not in H.graph:
        index: dict[str, dict[str, list[str]]] = {}
        for n, a in H.graph["G"].nodes(data=True):
            for category in a.get("categories", ()):
                index.setdefault(category, {}).setdefault(a["jurisdiction"], []).append(n)
        H.graph["competent"] = index
    return H.graph["competent"]


def _lineage(code: str) -> list[str]:
    """``code`` and its ancestors' codes, nearest first."""
    lineage = []
    while code is not None:
        lineage.append(code)
        code = parent_of(code)
    return lineage


def _targets(H: nx.DiGraph, code: str, category: str,
             lineage: list[str] | None = None) -> set[str]:
    """Agencies competent for ``category`` whose jurisdiction is ``code`` or one of its
    ancestors (``lineage``, when the caller has it): a walk up the code, not a scan of every
    agency."""
    by_area = _competent(H).get(category, {})
    found: set[str] = set()
    for area in lineage or _lineage(code):
        found.update(by_area.get(area, ()))
    return found


def escalation_paths(H: nx.DiGraph, unit: str, category: str, k: int = 0, *,
                     source: str | None = None) -> list[dict]:
    """The cheapest path from ``unit`` to a competent agency with jurisdiction over it, then up
    to ``k`` alternatives ending at other such agencies, cheapest first. ``source`` starts the
    paths further along (where an event already is: its community or a platform centre).

    Raises :class:`NoPath` with the reason when there is none.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("350302003007001001", kind="area", tier="unit", name="1号楼")
    >>> G.add_node("agency:x", kind="agency", id="x", name="城厢区住建局", tier="district",
    ...            jurisdiction="350302", categories={"housing"})
    >>> H = nx.DiGraph(G=G)
    >>> H.add_edge("350302003007001001", "agency:x", hours=8.0, kind="call", person=None)
    >>> escalation_paths(H, "350302003007001001", "housing")[0]["total_hours"]
    8.0
    """
    names = H.graph["G"].nodes
    if unit not in H:
        raise NoPath(f"no unit {unit}")
    targets = _targets(H, unit, category)
    if not targets:
        raise NoPath(f"no agency handles {category} with jurisdiction over {names[unit]['name']}")
    dist, paths = nx.single_source_dijkstra(H, source or unit, weight="hours")
    reached = sorted((dist[t], t) for t in targets if t in dist)
    if not reached:
        agencies = "、".join(sorted(names[t]["name"] for t in targets)[:5])
        raise NoPath(f"no path from {names[unit]['name']} reaches an agency handling "
                     f"{category} ({agencies})")
    return [_describe(H, paths[t], hours) for hours, t in reached[: k + 1]]


def _describe(H: nx.DiGraph, path: list[str], hours: float) -> dict:
    hops = []
    for a, b in zip(path, path[1:], strict=False):
        e = H[a][b]
        hops.append({"from": _ref(H, a), "to": _ref(H, b), "kind": e["kind"],
                     "person": e.get("person"), "expected_hours": e["hours"]})
    t = H.graph["G"].nodes[path[-1]]
    return {"target": {"id": t["id"], "name": t["name"], "tier": t["tier"],
                       "jurisdiction": t["jurisdiction"]}, "hops": hops, "total_hours": hours}


def _ref(H: nx.DiGraph, node: str) -> dict:
    a = H.graph["G"].nodes[node]
    if a["kind"] == "agency":
        return {"id": a["id"], "name": a["name"], "tier": a["tier"], "type": "agency"}
    return {"code": node, "name": a["name"], "tier": a["tier"], "type": "area"}


def reachability(H: nx.DiGraph, categories: list[str],
                 communities: set[str] | None = None) -> list[dict]:
    """For every community (or those given) and category: reachable or not, and in how many
    hours from the community (an event from a unit adds its unit and grid hops).

    A community's distance to a target is the best, over its own hand-overs, of that hop plus
    the distance onward from where it lands; the onward distances are computed once per place
    landed on (a town's platform centre serves every community of the town), not once per
    community.
    """
    G = H.graph["G"]
    # Given communities are looked up, not searched for: the what-if asks for a few of them
    # once per person, and a scan of the whole graph each time was most of its cost.
    places = G.nodes(data=True) if communities is None else \
        ((c, G.nodes[c]) for c in sorted(communities) if c in G)
    onward: dict[str, dict[str, float]] = {}
    rows = []
    for code, a in places:
        if a.get("tier") != "community" or code not in H:
            continue
        hops = []
        for nxt, edge in H.succ[code].items():
            if nxt not in onward:
                onward[nxt] = nx.single_source_dijkstra_path_length(H, nxt, weight="hours")
            hops.append((edge["hours"], onward[nxt]))
        lineage = _lineage(code)
        for category in categories:
            best = min((hop + dist[t] for t in _targets(H, code, category, lineage)
                        for hop, dist in hops if t in dist), default=None)
            rows.append({"community": {"code": code, "name": a["name"]}, "category": category,
                         "reachable": best is not None, "hours": best})
    return rows
