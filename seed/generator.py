"""The seed generator: the real division tree, and on it a plausible governance network.

Deterministic: the same ``seed`` and ``scale`` give the same rows, whatever is loaded before.
Each community draws from its own random stream (seeded by ``seed`` and its code), so changing
one place never shifts another.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from . import community, history, partners, skeleton, stories
from .chunk import Chunk
from .divisions import PUTIAN, Division, load

GENERATOR_VERSION = 4


def generate(cities: list[str] | None = (PUTIAN,), *, seed: int = 1, scale: float = 1.0,
             events: tuple[str, str] | None = history.DEFAULT_HISTORY) -> Iterator[Chunk]:
    """Yield the skeleton (upper tiers and agencies), then one chunk per town.

    ``cities=None`` builds the whole of Fujian. ``events`` is the (first, last) month of the
    event history to generate, None for none.
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    divisions = load(list(cities) if cities else None)
    head, index = skeleton.build(divisions, seed)
    yield head
    by_town: dict[str, list[Division]] = {}
    for d in divisions:
        if d.tier == "community":
            by_town.setdefault(d.parent_code, []).append(d)
    for town_code in sorted(by_town):
        chunk = Chunk()
        for d in by_town[town_code]:
            _community(chunk, d, index, seed, scale)
            if events:
                history.generate(chunk, d, index, seed, events)
        yield chunk


def count_communities(cities: list[str] | None = (PUTIAN,)) -> int:
    return sum(1 for d in load(list(cities) if cities else None) if d.tier == "community")


def _community(chunk: Chunk, d: Division, index, seed: int, scale: float) -> None:
    rng = random.Random(f"{seed}:{d.code}")
    story = stories.plan(d.code, rng)
    if story:
        grids, secretary = story
    else:
        _, grids = community.plan(d, rng, scale)
        secretary = None
    built = community.generate(chunk, d, rng, grids, secretary=secretary,
                               gaps=d.code not in stories.STORIES)
    city = d.code[:4] + "00"
    replaced = stories.amend(chunk, d, built, index, rng)
    partners.generate(chunk, rng, d, index, city, story=replaced)
