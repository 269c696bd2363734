"""The group commit of :mod:`orggraph.grouping`, with a write that records what it was given."""

from __future__ import annotations

import threading
import time

import pytest

from orggraph.grouping import Grouper


class Refused(Exception):
    pass


class Clash(Exception):
    pass


class Recorder:
    """A write that takes ``pause`` seconds per call (a commit), doubles numbers, refuses odd
    ones on their own, and fails a whole group holding ``clash`` or ``down``."""

    def __init__(self, pause: float = 0.05):
        self.pause = pause
        self.groups: list[list] = []
        self.threads: set[str] = set()

    def __call__(self, items):
        self.groups.append(list(items))
        self.threads.add(threading.current_thread().name)
        time.sleep(self.pause)
        if "down" in items:
            raise ConnectionError("the database is gone")
        if "clash" in items:
            raise Clash("a duplicate")
        return [Refused(f"{x} is odd") if isinstance(x, int) and x % 2 else x * 2
                for x in items]


def burst(grouper: Grouper, items: list) -> dict:
    """Submit every item from its own thread, all at once; item -> its outcome."""
    answers, barrier = {}, threading.Barrier(len(items))

    def submit(x):
        barrier.wait()
        try:
            answers[x] = grouper.submit(x)
        except Exception as e:  # noqa: BLE001 - the test looks at what each got
            answers[x] = e

    threads = [threading.Thread(target=submit, args=(x,)) for x in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return answers


def test_items_arriving_during_a_write_go_together_into_the_next():
    write = Recorder()
    answers = burst(Grouper(write, max_size=64), list(range(0, 40, 2)))
    assert answers == {x: x * 2 for x in range(0, 40, 2)}
    assert sorted(x for g in write.groups for x in g) == list(range(0, 40, 2))
    # The first write holds the rest back for 50 ms: they cannot all have gone alone.
    assert len(write.groups) < 20 and max(len(g) for g in write.groups) > 1
    assert write.threads == {"orggraph-group-writer"}


def test_a_lone_item_is_written_at_once():
    write = Recorder(pause=0)
    grouper = Grouper(write)
    t = time.perf_counter()
    assert grouper.submit(4) == 8
    assert time.perf_counter() - t < 1.0  # no timer to wait out (generous for a slow machine)
    assert write.groups == [[4]]


def test_groups_are_no_larger_than_the_maximum():
    write = Recorder()
    answers = burst(Grouper(write, max_size=3), list(range(0, 24, 2)))
    assert answers == {x: x * 2 for x in range(0, 24, 2)}
    assert max(len(g) for g in write.groups) <= 3


def test_an_item_refused_on_its_own_leaves_the_others_written():
    write = Recorder()
    answers = burst(Grouper(write), [2, 3, 4, 6, 8, 10])
    assert isinstance(answers[3], Refused) and str(answers[3]) == "3 is odd"
    assert {x: a for x, a in answers.items() if x != 3} == {2: 4, 4: 8, 6: 12, 8: 16, 10: 20}


def test_a_group_failing_for_one_item_is_tried_item_by_item():
    write = Recorder()
    answers = burst(Grouper(write, alone_on=(Clash,)), [2, 4, "clash", 6, 8])
    assert isinstance(answers["clash"], Clash)
    assert {x: a for x, a in answers.items() if x != "clash"} == {2: 4, 4: 8, 6: 12, 8: 16}
    # Whatever group held the clash failed whole and its items went again one by one.
    failed = [g for g in write.groups if "clash" in g and len(g) > 1]
    for group in failed:
        for item in group:
            assert [item] in write.groups


def test_any_other_failure_is_the_whole_groups_answer_at_once():
    write = Recorder()
    grouper = Grouper(write, alone_on=(Clash,))
    answers = burst(grouper, [2, 4, "down", 6, 8])
    down = next(g for g in write.groups if "down" in g)
    for x in down:
        assert isinstance(answers[x], ConnectionError)
    # Not retried one by one: each item was written (or tried) exactly once.
    assert sorted(map(str, (x for g in write.groups for x in g))) == sorted(
        map(str, [2, 4, "down", 6, 8]))


def test_a_maximum_of_one_writes_each_item_in_its_own_thread():
    write = Recorder(pause=0.01)
    answers = burst(Grouper(write, max_size=1), [2, 4, 6, 8])
    assert answers == {2: 4, 4: 8, 6: 12, 8: 16}
    assert all(len(g) == 1 for g in write.groups)
    assert "orggraph-group-writer" not in write.threads


class Late(Exception):
    pass


def test_an_item_queued_past_its_wait_limit_is_taken_out_unwritten():
    write = Recorder(pause=0.6)  # a write retrying while the database is gone
    grouper = Grouper(write, wait_limit=0.1, late=lambda: Late("try again"))
    first = threading.Thread(target=grouper.submit, args=(2,))
    first.start()
    while not write.groups:  # the writer has taken 2 and is writing it
        time.sleep(0.005)
    t = time.perf_counter()
    with pytest.raises(Late, match="try again"):
        grouper.submit(4)
    assert time.perf_counter() - t < 0.5  # its answer came before the write under way ended
    first.join(timeout=5)
    assert grouper.submit(6) == 12  # the writer goes on
    assert write.groups == [[2], [6]]  # 4 was never written


def test_an_item_being_written_when_its_limit_passes_gets_its_outcome():
    grouper = Grouper(Recorder(pause=0.3), wait_limit=0.1, late=lambda: Late("try again"))
    assert grouper.submit(4) == 8  # taken at once; the write's own retries bound its wait


def test_a_group_must_hold_at_least_one_item():
    with pytest.raises(ValueError):
        Grouper(Recorder(), max_size=0)
    with pytest.raises(ValueError):
        Grouper(Recorder(), wait_limit=0)
