"""A small per-process cache of results, each kept with the version of the data it came from.

Used for what is costly to compute and read page by page: the city's points ranking is a
second of Neo4j's time, and without a cache every page of it paid that second again. The
caller reads the version (one cheap statement) *before* computing: a change committed while
the result is computed may be in the result, kept under the version before it, and the next
request, reading the newer version, computes again. The other order could keep a result
under a version that the result does not reflect, and serve it until the next change.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class VersionedCache(Generic[T]):
    """The last ``size`` results by key; one is used only while its version still stands.

    Two requests that miss at once both compute (and the second's result is kept): a cache
    of a few areas' rankings is not worth making requests wait on each other.
    """

    def __init__(self, size: int = 4):
        if size < 1:
            raise ValueError("a cache holds at least one entry")
        self.size = size
        self.lock = threading.Lock()
        self.entries: OrderedDict[Hashable, tuple[Hashable, T]] = OrderedDict()
        self.computed = 0  # how many results were computed (tests and benchmarks read it)

    def get(self, key: Hashable, version: Hashable, compute: Callable[[], T]) -> T:
        """The result for ``key`` at ``version``: kept, or computed now and kept."""
        with self.lock:
            hit = self.entries.get(key)
            if hit is not None and hit[0] == version:
                self.entries.move_to_end(key)
                return hit[1]
        value = compute()
        with self.lock:
            self.computed += 1
            self.entries[key] = (version, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value

    def kept(self, key: Hashable) -> tuple[Hashable, T] | None:
        """(version, result) kept for ``key``, whatever the version now: for a reader who asked
        for the result as it stood (a snapshot), not for whoever wants it current."""
        with self.lock:
            return self.entries.get(key)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
