"""What the analyses derive from a projection is computed once, however many threads ask."""

import threading
import time

import networkx as nx
import pytest

from orggraph.analysis import _memo
from orggraph.projection import Memo


def test_threads_that_need_the_same_result_wait_for_one_computation():
    G = nx.DiGraph(memo=Memo())
    computed, ready, got = [], threading.Barrier(4), []

    def compute():
        computed.append(threading.current_thread().name)
        time.sleep(0.2)  # the others arrive meanwhile
        return object()

    def ask():
        ready.wait()
        got.append(_memo(G, ("slow",), compute))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(computed) == 1
    assert len(got) == 4 and all(r is got[0] for r in got)


def test_an_entry_may_be_computed_from_another():
    G = nx.DiGraph(memo=Memo())
    inner = _memo(G, ("outer",), lambda: ("from", _memo(G, ("inner",), lambda: "inner")))
    assert inner == ("from", "inner") and G.graph["memo"][("inner",)] == "inner"


def test_a_failed_computation_is_not_kept():
    G = nx.DiGraph(memo=Memo())

    def fail():
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        _memo(G, ("x",), fail)
    assert ("x",) not in G.graph["memo"]
    assert _memo(G, ("x",), lambda: 1) == 1
