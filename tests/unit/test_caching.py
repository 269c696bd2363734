"""The versioned cache: a result is used only under the version it was computed at, and the
least recently used goes first."""

from __future__ import annotations

import pytest

from orggraph.caching import VersionedCache


def test_a_result_is_kept_while_its_version_stands():
    cache: VersionedCache[list] = VersionedCache(size=2)
    calls = []

    def compute(tag):
        def run():
            calls.append(tag)
            return [tag]
        return run

    assert cache.get("a", 1, compute("a1")) == ["a1"]
    assert cache.get("a", 1, compute("again")) == ["a1"]
    assert cache.get("a", 2, compute("a2")) == ["a2"]  # the version moved
    assert cache.get("a", 1, compute("a1 again")) == ["a1 again"]  # and back: not kept
    assert calls == ["a1", "a2", "a1 again"] and cache.computed == 3


def test_the_least_recently_used_goes_first():
    cache: VersionedCache[str] = VersionedCache(size=2)
    cache.get("a", 0, lambda: "a")
    cache.get("b", 0, lambda: "b")
    cache.get("a", 0, lambda: "not kept")  # a used: b is now the oldest
    cache.get("c", 0, lambda: "c")
    assert list(cache.entries) == ["a", "c"]
    assert cache.get("b", 0, lambda: "b again") == "b again"


def test_a_failed_computation_keeps_nothing():
    cache: VersionedCache[str] = VersionedCache(size=2)

    def fail():
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        cache.get("a", 0, fail)
    assert not cache.entries and cache.computed == 0
    with pytest.raises(ValueError):
        VersionedCache(size=0)
