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

from ..codes import parent_of, prefix
from .norms import DEFAULT_NORMS, Norms

__all__ = ["NoPath", "escalation_network", "escalation_paths", "reachability"]


class NoPath(Exception):  # noqa: N818 - a domain outcome, named as people say it
    """No competent agency with jurisdiction can be reached; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _person(people: list[dict]) -> dict | None:
    return {"id": people[0]["id"], "name": people[0]["name"]} if people else None


def escalation_network(G: nx.DiGraph, norms: Norms = DEFAULT_NORMS) -> nx.DiGraph:
    """The hand-over network of ``G``: nodes are areas and agencies, edges carry ``hours``,
    ``kind`` (report, escalate, dispatch, call) and ``person`` (who the hop waits on)."""
    H = nx.DiGraph()
    h = norms.hours_per_level
    platforms = {}  # area code -> its platform centre node
    for node, a in G.nodes(data=True):
        if a.get("kind") == "agency" and a["agency_kind"] == "platform_centre":
            platforms[a["jurisdiction"]] = node
    for node, a in G.nodes(data=True):
        if a.get("kind") == "agency":
            H.add_node(node, **{k: a[k] for k in ("name", "tier", "jurisdiction", "categories",
                                                  "agency_kind", "head", "id")})
            continue
        H.add_node(node, name=a["name"], tier=a["tier"], kind="area")
        parent = a.get("parent")
        if a["tier"] == "unit" and parent in G:
            H.add_edge(node, parent, hours=h, kind="report", person=_person(a["unit_leaders"]))
        elif a["tier"] == "grid" and parent in G:
            H.add_edge(node, parent, hours=h, kind="report", person=_person(a["grid_leaders"]))
        elif a["tier"] == "community":
            up = platforms.get(parent, parent if parent in G else None)
            if up:
                H.add_edge(node, up, hours=h, kind="escalate", person=_person(a["secretaries"]))
    for area, centre in platforms.items():
        parent = parent_of(area)
        if parent in platforms:
            H.add_edge(centre, platforms[parent], hours=h, kind="escalate",
                       person=G.nodes[centre]["head"])
    for node, a in G.nodes(data=True):
        if a.get("kind") == "agency" and a["agency_kind"] != "platform_centre":
            centre = platforms.get(a["jurisdiction"])
            if centre:
                H.add_edge(centre, node, hours=h, kind="dispatch",
                           person=G.nodes[centre]["head"])
    for agency, area, d in G.edges(data=True):
        if d.get("kind") in ("pairing", "linkage", "secondment") and \
                G.nodes[area]["tier"] == "community":
            person = d.get("person") or G.nodes[agency]["head"]
            if not H.has_edge(area, agency) or H[area][agency]["kind"] != "call":
                H.add_edge(area, agency, hours=norms.shortcut_hours, kind="call",
                           person=person, via=d["kind"])
    return H


def _competent(H: nx.DiGraph) -> dict[str, list[tuple[str, str]]]:
    """category -> [(agency node, jurisdiction prefix)], computed once per network."""
    if "competent" not in H.graph:
        index: dict[str, list[tuple[str, str]]] = {}
        for n, a in H.nodes(data=True):
            for category in a.get("categories", ()):
                index.setdefault(category, []).append((n, prefix(a["jurisdiction"])))
        H.graph["competent"] = index
    return H.graph["competent"]


def _targets(H: nx.DiGraph, code: str, category: str) -> set[str]:
    return {n for n, p in _competent(H).get(category, ()) if code.startswith(p)}


def escalation_paths(H: nx.DiGraph, unit: str, category: str, k: int = 0) -> list[dict]:
    """The cheapest path from ``unit`` to a competent agency with jurisdiction over it, then up
    to ``k`` alternatives ending at other such agencies, cheapest first.

    Raises :class:`NoPath` with the reason when there is none.

    Examples
    --------
    >>> import networkx as nx
    >>> H = nx.DiGraph()
    >>> H.add_node("u", name="1号楼", tier="unit")
    >>> H.add_node("agency:x", name="住建局", tier="district", jurisdiction="350302",
    ...            categories={"housing"}, id="x")
    >>> H.add_edge("u", "agency:x", hours=8.0, kind="call", person=None)
    >>> escalation_paths(H, "u", "housing")[0]["total_hours"]
    8.0
    """
    if unit not in H:
        raise NoPath(f"no unit {unit}")
    targets = _targets(H, unit, category)
    if not targets:
        raise NoPath(f"no agency handles {category} with jurisdiction over {H.nodes[unit]['name']}")
    dist, paths = nx.single_source_dijkstra(H, unit, weight="hours")
    reached = sorted((dist[t], t) for t in targets if t in dist)
    if not reached:
        names = "、".join(sorted(H.nodes[t]["name"] for t in targets)[:5])
        raise NoPath(f"no path from {H.nodes[unit]['name']} reaches an agency handling "
                     f"{category} ({names})")
    return [_describe(H, paths[t], hours) for hours, t in reached[: k + 1]]


def _describe(H: nx.DiGraph, path: list[str], hours: float) -> dict:
    hops = []
    for a, b in zip(path, path[1:], strict=False):
        e = H[a][b]
        hops.append({"from": _ref(H, a), "to": _ref(H, b), "kind": e["kind"],
                     "person": e.get("person"), "expected_hours": e["hours"]})
    t = H.nodes[path[-1]]
    return {"target": {"id": t["id"], "name": t["name"], "tier": t["tier"],
                       "jurisdiction": t["jurisdiction"]}, "hops": hops, "total_hours": hours}


def _ref(H: nx.DiGraph, node: str) -> dict:
    a = H.nodes[node]
    if "jurisdiction" in a:
        return {"id": a["id"], "name": a["name"], "tier": a["tier"], "type": "agency"}
    return {"code": node, "name": a["name"], "tier": a["tier"], "type": "area"}


def reachability(H: nx.DiGraph, categories: list[str]) -> list[dict]:
    """For every community and category: reachable or not, and in how many hours from the
    community (an event from a unit adds its unit and grid hops)."""
    rows = []
    for code, a in H.nodes(data=True):
        if a.get("tier") != "community":
            continue
        dist = nx.single_source_dijkstra_path_length(H, code, weight="hours")
        for category in categories:
            hours = [dist[t] for t in _targets(H, code, category) if t in dist]
            rows.append({"community": {"code": code, "name": a["name"]}, "category": category,
                         "reachable": bool(hours), "hours": min(hours) if hours else None})
    return rows
