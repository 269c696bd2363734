"""Coverage gaps: where the network has no one, or too few, in charge."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from ..codes import ancestor, tier_of
from ..model import GAP_KINDS, TIERS
from .norms import DEFAULT_NORMS, Norms

__all__ = ["coverage_gaps", "gap_map", "GAP_KINDS"]


def coverage_gaps(G: nx.DiGraph, norms: Norms = DEFAULT_NORMS,
                  unreachable: list[dict] | None = None) -> dict:
    """Every gap in ``G``, each with a detail a person can act on.

    A Party group or branch that covers several units or grids jointly (联合组建) counts as
    covering each of them: it is not a gap by itself.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("1", kind="area", tier="unit", name="1号楼", residents=100, unit_leaders=[],
    ...            party_orgs=[], grid_leaders=[], secretaries=[], secondees=[])
    >>> coverage_gaps(G)["summary"]["unit_without_leader"]
    1
    """
    items: list[dict] = []
    leaders: dict[str, list[str]] = {}
    # Pairings are edges out of agencies: their few hundred, not every area's edges.
    paired = {v for u, a in G.nodes(data=True) if a.get("kind") == "agency"
              for v, d in G.succ[u].items() if d.get("kind") == "pairing"}
    for code, a in G.nodes(data=True):
        if a.get("kind") != "area":
            continue
        tier = a["tier"]
        if tier == "unit":
            if not a["unit_leaders"]:
                items.append(_gap("unit_without_leader", code, a,
                                  f"{a['name']} ({a['residents']} residents) has no unit leader; "
                                  "appoint one, first among Party members and retired cadres"))
            for p in a["unit_leaders"]:
                leaders.setdefault(p["id"], []).append(code)
            if not a["party_orgs"]:
                items.append(_gap("unit_without_party_group", code, a,
                                  f"{a['name']} has no Party group, not even a joint one; set up "
                                  "a group or let a neighbouring unit's group cover it"))
        elif tier == "grid":
            if not a["grid_leaders"]:
                items.append(_gap("grid_without_leader", code, a,
                                  f"grid {a['name']} has no grid leader; appoint one"))
            if not a["party_orgs"]:
                items.append(_gap("grid_without_branch", code, a,
                                  f"grid {a['name']} has no Party branch, not even a joint one"))
        elif tier == "community" and code not in paired:
            items.append(_gap("community_without_pairing", code, a,
                              f"{a['name']} has no active agency pairing (机关+社区); "
                              "propose one with an agency of its district"))
    items += _overloaded(G, leaders, norms)
    items += unreachable or []
    summary = Counter(i["kind"] for i in items)
    return {"summary": {k: summary.get(k, 0) for k in GAP_KINDS}, "items": items}


def _overloaded(G: nx.DiGraph, leaders: dict[str, list[str]], norms: Norms) -> list[dict]:
    out = []
    for pid, units in sorted(leaders.items()):
        residents = sum(G.nodes[u]["residents"] for u in units)
        if (len(units) > norms.max_units_per_leader
                or residents > norms.max_residents_per_unit_leader):
            a = G.nodes[units[0]]
            name = next(p["name"] for p in a["unit_leaders"] if p["id"] == pid)
            out.append(_gap("leader_overloaded", units[0], a,
                            f"{name} leads {len(units)} units with {residents} residents (norm: "
                            f"{norms.max_units_per_leader} units, "
                            f"{norms.max_residents_per_unit_leader} residents); share the load",
                            person={"id": pid, "name": name}))
    return out


def _gap(kind: str, code: str, a: dict, detail: str, **extra) -> dict:
    return {"kind": kind, "area": {"code": code, "name": a["name"], "tier": a["tier"]},
            "detail": detail, **extra}


def gap_map(G: nx.DiGraph, items: list[dict], root: str, depth: str = "community") -> dict:
    """The gaps of ``items`` counted up the tree from ``depth`` to ``root``: nested
    ``{code, name, tier, residents, gaps, by_kind, children}``, areas without gaps left out.
    For a treemap or heat map of where the network is thin.

    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("350302", name="城厢区", tier="district", residents=1000)
    >>> G.add_node("350302003", name="霞林街道", tier="town", residents=600)
    >>> items = [{"kind": "unit_without_leader", "area": {"code": "350302003007001001"}}]
    >>> tree = gap_map(G, items, "350302", depth="town")
    >>> tree["gaps"], tree["children"][0]["name"], tree["children"][0]["gaps"]
    (1, '霞林街道', 1)
    >>> gap_map(G, [], "350302")["residents"]  # a root without gaps is described all the same
    1000
    """
    tiers = TIERS[TIERS.index(tier_of(root)): TIERS.index(depth) + 1]
    nodes: dict[str, dict] = {}
    for item in items:
        code = item["area"]["code"]
        parent = None
        for tier in tiers:
            if TIERS.index(tier) > TIERS.index(tier_of(code)):
                break
            key = ancestor(code, tier)
            node = nodes.get(key)
            if node is None:
                node = nodes[key] = _tree_node(G, key, tier)
                if parent is not None:
                    parent["children"].append(node)
            node["gaps"] += 1
            node["by_kind"][item["kind"]] = node["by_kind"].get(item["kind"], 0) + 1
            parent = node
    for node in nodes.values():
        node["children"].sort(key=lambda c: (-c["gaps"], c["code"]))
    return nodes.get(root) or _tree_node(G, root, tier_of(root))


def _tree_node(G: nx.DiGraph, code: str, tier: str) -> dict:
    a = G.nodes[code] if code in G else {}
    return {"code": code, "name": a.get("name", code), "tier": tier,
            "residents": a.get("residents"), "gaps": 0, "by_kind": {}, "children": []}
