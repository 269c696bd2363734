"""The analysis graph: Neo4j projected into one typed NetworkX graph, cached per process.

Nodes are areas (keyed by code) and agencies (keyed ``agency:<id>``); every node has a ``kind``.
Edges: ``part_of`` (child area to parent), ``jurisdiction`` (agency to area), and the active
partnerships ``pairing``, ``linkage`` and ``secondment`` (agency to area). People in charge are
attributes of the areas they lead (``unit_leaders``, ``grid_leaders``, ``secretaries``,
``party_orgs``, ``secondees``), so the analyses stay pure functions of one graph.

The cache is keyed on the graph's version (seed load time, number and last of the audited
changes), read in one cheap query per request: any write makes the next analysis reproject.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date

import networkx as nx


def agency_node(agency_id: str) -> str:
    return f"agency:{agency_id}"


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while building large, acyclic structures: its
    passes over the growing heap otherwise cost as much as the build (measured: 2-4 s against
    1.8 s for Putian), and there is nothing for it to collect meanwhile."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def build(store, prefix: str, today: date | None = None) -> nx.DiGraph:
    """Read the areas under ``prefix`` (and the agencies serving them) into NetworkX."""
    with paused_gc():
        return _build(store, prefix, today)


def _build(store, prefix: str, today: date | None) -> nx.DiGraph:
    params = {"scope": prefix, "today": (today or date.today()).isoformat()}
    # The four reads run at once: the server works on three while this thread decodes the
    # areas and builds on them (on two cores, 1.1 s of reads in a row became about 0.6 s).
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="projection") as pool:
        people, agencies, partners = (
            pool.submit(store.read_one, name, **params)
            for name in ("projection/get_people_in_charge", "projection/get_agencies",
                         "projection/get_partners"))
        areas = store.read_one("projection/get_areas", **params)["areas"]
        # Attributes are gathered in plain dicts and handed to NetworkX once: a lookup
        # through G.nodes per leader costs several times a dict's.
        attrs = {code: {"kind": "area", "name": name, "tier": tier, "area_kind": kind,
                        "residents": residents or 0, "parent": parent, "unit_leaders": [],
                        "grid_leaders": [], "secretaries": [], "party_orgs": [],
                        "secondees": []}
                 for code, name, tier, kind, residents, parent in areas}
        _people(attrs, people.result())
        G = nx.DiGraph(scope=prefix, today=params["today"], memo={})
        G.add_nodes_from(attrs.items())
        G.add_edges_from((code, parent, {"kind": "part_of"})
                         for code, _, _, _, _, parent in areas if parent in attrs)
        _agencies(G, agencies.result()["agencies"])
        _partners(G, partners.result())
    return G


def _people(attrs: dict[str, dict], row: dict) -> None:
    for code, pid, name, role in row["leads"]:
        if code in attrs:
            key = "unit_leaders" if role == "unit_leader" else "grid_leaders"
            attrs[code][key].append({"id": pid, "name": name})
    secretaries: dict[str, list[dict]] = {}
    for org, pid, name in row["secretaries"]:
        secretaries.setdefault(org, []).append({"id": pid, "name": name})
    for code, org, kind, joint in row["orgs"]:
        if code not in attrs:
            continue
        attrs[code]["party_orgs"].append({"id": org, "kind": kind, "joint": joint})
        if not joint:
            attrs[code]["secretaries"].extend(secretaries.get(org, ()))


def _agencies(G: nx.DiGraph, rows: list) -> None:
    for aid, name, tier, kind, jurisdiction, categories, head, head_name in rows:
        node = agency_node(aid)
        G.add_node(node, kind="agency", id=aid, name=name, tier=tier, agency_kind=kind,
                   jurisdiction=jurisdiction, categories=set(categories),
                   head={"id": head, "name": head_name} if head else None)
        if jurisdiction in G:
            G.add_edge(node, jurisdiction, kind="jurisdiction")


def _partners(G: nx.DiGraph, row: dict) -> None:
    for aid, code, pid, name in row["pairings"]:
        if code in G and agency_node(aid) in G:
            G.add_edge(agency_node(aid), code, kind="pairing",
                       person={"id": pid, "name": name} if pid else None)
    for aid, code in row["linkages"]:
        if code in G and agency_node(aid) in G and not G.has_edge(agency_node(aid), code):
            G.add_edge(agency_node(aid), code, kind="linkage", person=None)
    for pid, name, role, aid, code in row["secondments"]:
        if code not in G:
            continue
        G.nodes[code]["secondees"].append({"id": pid, "name": name, "role": role})
        if aid and agency_node(aid) in G and not G.has_edge(agency_node(aid), code):
            G.add_edge(agency_node(aid), code, kind="secondment",
                       person={"id": pid, "name": name})


class ProjectionCache:
    """Per-process cache of projections by (scope, day), dropped when the version moves."""

    def __init__(self, size: int = 8):
        self.size = size
        self.lock = threading.Lock()
        self.entries: OrderedDict[tuple, tuple[tuple, nx.DiGraph]] = OrderedDict()
        self.builds = 0  # how many projections were made (tests and benchmarks read it)

    def graph(self, store, prefix: str, today: date | None = None) -> nx.DiGraph:
        """The projection under ``prefix``; ``G.graph["memo"]`` holds what analyses derive
        from it (the escalation network), dropped with it."""
        day = (today or date.today()).isoformat()
        version = tuple(store.read_one("projection/get_graph_version").values())
        key = (prefix, day)
        with self.lock:
            hit = self.entries.get(key)
            if hit and hit[0] == version:
                self.entries.move_to_end(key)
                return hit[1]
        G = build(store, prefix, date.fromisoformat(day))
        with self.lock:
            self.builds += 1
            self.entries[key] = (version, G)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return G
