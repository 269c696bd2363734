"""Group commit: writes that arrive while one is under way are made together, in the next.

Events collected one by one each paid a whole transaction's fixed cost (round trips, the
commit, the driver's work per statement), and on two cores that cost, not the rows, bounded how
many a second the API took (BENCHMARKS.md, "Events"). A :class:`Grouper` hands every submitted
item to one writer thread, which takes everything queued so far (up to ``max_size``) and writes
it with ``write(items)``, in one transaction. Nobody waits for a timer: an item submitted to an
idle grouper is written at once, so a lone request is as quick as before, and groups form only
when requests queue behind a commit. Each caller still returns only after its own item is
committed.

``write`` returns one outcome per item, in order: a value, or an exception for an item refused
on its own (the others commit). When ``write`` raises one of ``alone_on`` for the whole group
(errors one item can cause: a duplicate Idempotency-Key, a unit removed meanwhile), each item
is written again alone, so that the failure is that item's only; nothing was committed by the
failed group. Any other error (the database gone, say) is every item's answer at once, rather
than being waited out once per item.

With ``wait_limit``, an item still queued after that many seconds is taken out, unwritten, and
its caller gets ``late()``. When the database is gone, the write under way retries for seconds
before it fails; the items queued behind it would otherwise wait for that and then for their
own group's retries, twice as long as a lone request before their answer (a 503 by then).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

Write = Callable[[Sequence[Any]], Sequence[Any]]


class _Slot:
    __slots__ = ("item", "done", "outcome")

    def __init__(self, item: Any):
        self.item = item
        self.done = threading.Event()
        self.outcome: Any = None


class Grouper:
    """Submit items from any thread; they are written by ``write`` in groups of up to
    ``max_size`` (1: each alone, in the submitting thread, with no writer thread at all)."""

    def __init__(self, write: Write, max_size: int = 64, *,
                 alone_on: tuple[type[Exception], ...] = (), wait_limit: float | None = None,
                 late: Callable[[], BaseException] = lambda: TimeoutError(
                     "the write was not begun in time")):
        if max_size < 1:
            raise ValueError(f"a group holds at least one item, not {max_size}")
        if wait_limit is not None and wait_limit <= 0:
            raise ValueError(f"an item waits more than 0 s, not {wait_limit}")
        self._write = write
        self.max_size = max_size
        self._alone_on = alone_on
        self._wait_limit = wait_limit
        self._late = late
        self._wake = threading.Condition()
        self._queue: deque[_Slot] = deque()
        self._writer_pid: int | None = None  # a forked worker starts its own writer
        self.largest_group = 0  # written only by the writer thread

    def submit(self, item: Any) -> Any:
        """Write ``item`` (with whatever else is queued) and return its outcome, or raise its
        exception."""
        if self.max_size == 1:
            outcome = self._alone(item)
        else:
            slot = _Slot(item)
            with self._wake:
                if self._writer_pid != os.getpid():
                    self._writer_pid = os.getpid()
                    threading.Thread(target=self._run, name="orggraph-group-writer",
                                     daemon=True).start()
                self._queue.append(slot)
                self._wake.notify()
            if not slot.done.wait(self._wait_limit):
                with self._wake:
                    queued = slot in self._queue  # not yet taken by the writer
                    if queued:
                        self._queue.remove(slot)
                if queued:
                    raise self._late()
                slot.done.wait()  # being written: its write's own retries bound the wait
            outcome = slot.outcome
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._queue:
                    self._wake.wait()
                group = [self._queue.popleft()
                         for _ in range(min(self.max_size, len(self._queue)))]
            self.largest_group = max(self.largest_group, len(group))
            for slot, outcome in zip(group, self._outcomes([s.item for s in group]), strict=True):
                slot.outcome = outcome
                slot.done.set()

    def _outcomes(self, items: list[Any]) -> list[Any]:
        if len(items) == 1:
            return [self._alone(items[0])]
        try:
            outcomes = list(self._write(items))
        except self._alone_on:
            return [self._alone(item) for item in items]
        except Exception as e:  # noqa: BLE001 - handed to every submitting thread
            return [e] * len(items)
        if len(outcomes) != len(items):
            error = RuntimeError(f"the group's write answered {len(outcomes)} outcomes "
                                 f"for {len(items)} items")
            return [error] * len(items)
        return outcomes

    def _alone(self, item: Any) -> Any:
        try:
            return self._write([item])[0]
        except Exception as e:  # noqa: BLE001 - handed to the submitting thread, raised there
            return e
