"""The analysis graph: Neo4j projected into one typed NetworkX graph, cached per process.

Nodes are areas (keyed by code) and agencies (keyed ``agency:<id>``); every node has a ``kind``.
Edges: ``part_of`` (child area to parent), ``jurisdiction`` (agency to area), and the active
partnerships ``pairing``, ``linkage`` and ``secondment`` (agency to area). People in charge are
attributes of the areas they lead (``unit_leaders``, ``grid_leaders``, ``secretaries``,
``party_orgs``, ``secondees``: sequences, an empty tuple when there is nobody), so the
analyses stay pure functions of one graph.

The cache is keyed on the graph's version (the seed's load time, and the network version that
every change to what the projection reads moves in its own transaction: see
``orggraph.audit.UNPROJECTED``), read in one cheap query per request: any such write makes the
next analysis reproject, while events and tokens do not.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
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
    # The reads run at once: the server works on several while this thread decodes the areas
    # and builds on them (on two cores, 1.1 s of reads in a row became about 0.6 s).
    with ThreadPoolExecutor(max_workers=5, thread_name_prefix="projection") as pool:
        leads, orgs, secretaries, agencies, partners = (
            pool.submit(store.read_one, name, **params)
            for name in ("projection/get_leads", "projection/get_party_orgs",
                         "projection/get_secretaries", "projection/get_agencies",
                         "projection/get_partners"))
        areas = store.read_one("projection/get_areas", **params)["areas"]
        # Attributes are gathered in plain dicts and handed to NetworkX once: a lookup
        # through G.nodes per leader costs several times a dict's.
        attrs = {code: {"kind": "area", "name": name, "tier": tier, "area_kind": kind,
                        "residents": residents or 0, "parent": parent, **NOBODY}
                 for code, name, tier, kind, residents, parent in areas}
        _people(attrs, leads.result()["leads"], orgs.result()["orgs"],
                secretaries.result()["secretaries"])
        G = nx.DiGraph(scope=prefix, today=params["today"], memo=Memo())
        G.add_nodes_from(attrs.items())
        G.add_edges_from((code, parent, {"kind": "part_of"})
                         for code, _, _, _, _, parent in areas if parent in attrs)
        _agencies(G, agencies.result()["agencies"])
        _partners(G, partners.result())
    return G


# An area's people in charge; a list only where there is someone. Empty tuples, shared, spare
# the 200,000 empty lists Putian would otherwise need, which cost time to make and, since the
# analyses leave the graph in reference cycles, to collect.
NOBODY = dict.fromkeys(("unit_leaders", "grid_leaders", "secretaries", "party_orgs",
                        "secondees"), ())


def _add(area: dict, key: str, items: list[dict]) -> None:
    if area[key]:
        area[key].extend(items)
    else:
        area[key] = list(items)


def _people(attrs: dict[str, dict], leads: list, orgs: list, secretaries: list) -> None:
    for code, pid, name, role in leads:
        if code in attrs:
            key = "unit_leaders" if role == "unit_leader" else "grid_leaders"
            _add(attrs[code], key, [{"id": pid, "name": name}])
    by_org: dict[str, list[dict]] = {}
    for org, pid, name in secretaries:
        by_org.setdefault(org, []).append({"id": pid, "name": name})
    for code, org, kind, joint in orgs:
        if code not in attrs:
            continue
        _add(attrs[code], "party_orgs", [{"id": org, "kind": kind, "joint": joint}])
        if not joint and org in by_org:
            _add(attrs[code], "secretaries", by_org[org])


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
        _add(G.nodes[code], "secondees", [{"id": pid, "name": name, "role": role}])
        if aid and agency_node(aid) in G and not G.has_edge(agency_node(aid), code):
            G.add_edge(agency_node(aid), code, kind="secondment",
                       person={"id": pid, "name": name})


class Memo(dict):
    """What the analyses derive from one projection, by key. Its lock lets one thread compute
    an entry while the others that need it wait: a screen asks for several analyses at once,
    and under the GIL computing the same result in each thread only delays them all."""

    def __init__(self):
        super().__init__()
        self.lock = threading.RLock()  # reentrant: one entry is computed from another


class ProjectionCache:
    """Per-process cache of projections by (scope, day), dropped when the version moves.

    A projection is built once however many requests want it at the same moment: the first
    builds it and the others wait for its result (or its error). Built side by side, on two
    cores, four concurrent first requests took three to four times as long as one.
    """

    def __init__(self, size: int = 8):
        self.size = size
        self.lock = threading.Lock()
        self.entries: OrderedDict[tuple, tuple[tuple, nx.DiGraph]] = OrderedDict()
        self.building: dict[tuple, Future] = {}  # (key, version) -> the build under way
        self.builds = 0  # how many projections were made (tests and benchmarks read it)

    def graph(self, store, prefix: str, today: date | None = None) -> nx.DiGraph:
        """The projection under ``prefix``; ``G.graph["memo"]`` holds what analyses derive
        from it (the escalation network), dropped with it."""
        day = (today or date.today()).isoformat()
        version = tuple(store.read_one("projection/get_graph_version").values())
        key = (prefix, day)
        with self.lock:
            if key in self.entries and self.entries[key][0] == version:
                self.entries.move_to_end(key)
                return self.entries[key][1]
            flight = self.building.get((key, version))
            if flight is not None:  # another request is building it: wait for that
                builder = False
            else:
                builder = True
                flight = self.building[(key, version)] = Future()
                # Nothing here may keep the stale projection: it is collected meanwhile.
                stale = self.entries.pop(key, None) is not None
        if not builder:
            return flight.result()
        try:
            G = self._build(store, key, version, stale)
        except BaseException as e:
            with self.lock:
                self.building.pop((key, version), None)
            flight.set_exception(e)  # the waiters fail alike; the next request tries anew
            raise
        flight.set_result(G)
        return G

    def _build(self, store, key: tuple[str, str], version: tuple, stale: bool) -> nx.DiGraph:
        prefix, day = key
        # The stale projection is collected while the new one's reads wait on the server.
        collecting = _collect_in_background() if stale else None
        G = build(store, prefix, date.fromisoformat(day))
        with self.lock:
            self.builds += 1
            self.entries[key] = (version, G)
            del self.building[(key, version)]
            evicted = len(self.entries) > self.size
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        if collecting:
            collecting.join()
        if evicted:
            _collect_in_background().join()
        gc.freeze()
        return G

    def clear(self) -> None:
        """Forget every projection and let the collector free them."""
        with self.lock:
            self.entries.clear()
        _collect_in_background().join()


# Why the cache freezes what it holds: a projection is a million long-lived objects that the
# collector would otherwise rescan on its way to every request's own garbage (pauses of a
# second on Putian, in whichever request came next); frozen (gc.freeze), they are skipped. A
# dropped projection must be unfrozen and collected before the next freeze, since NetworkX's
# cached views leave graphs in reference cycles that only the collector frees. (One still in
# use by another request at that moment is frozen with the rest, and freed at the next drop.)
def _collect_in_background() -> threading.Thread:
    gc.unfreeze()
    collector = threading.Thread(target=gc.collect, name="projection-gc", daemon=True)
    collector.start()
    return collector
