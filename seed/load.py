"""Loading the generated seed: the glue between the generator's chunks and the loader."""

from __future__ import annotations

from collections.abc import Iterator

from orggraph.store import Store
from orggraph.store.loader import LoadReport, load

from .generator import GENERATOR_VERSION, count_communities, generate
from .history import DEFAULT_HISTORY


def already_seeded(store: Store) -> bool:
    return store.read_one("admin/get_meta", key="seed") is not None


def load_seed(store: Store, *, scale: float = 1.0, seed: int = 1, fujian: bool = False,
              only: str | None = None, batch_size: int = 5000, progress: bool = False,
              events: tuple[str, str] | None = DEFAULT_HISTORY) -> LoadReport:
    """Generate and load; ``only`` restricts the community chunks to one code prefix;
    ``events`` is the (first, last) month of event history, None for none."""
    cities = None if fujian else ["350300"]
    chunks: Iterator = generate(cities, seed=seed, scale=scale, events=events)
    if only:
        chunks = _only(chunks, only)
    meta = {"seed": seed, "scale": scale, "fujian": fujian, "generator": GENERATOR_VERSION,
            "events": "..".join(events) if events else "none"}
    if not progress:
        return load(store, chunks, batch_size=batch_size, meta=None if only else meta)
    from rich.progress import Progress

    with Progress(transient=False) as bar:
        task = bar.add_task("loading seed (towns)", total=None)
        total = count_communities(cities)
        bar.update(task, total=total, description="loading seed (communities)")

        def counted(it):
            for chunk in it:
                yield chunk
                bar.advance(task, sum(1 for a in chunk.get("areas", ())
                                      if a["tier"] == "community"))

        return load(store, counted(chunks), batch_size=batch_size,
                    meta=None if only else meta)


def _only(chunks: Iterator, prefix: str) -> Iterator:
    """The skeleton, then only the town chunks whose communities start with ``prefix``."""
    first = True
    for chunk in chunks:
        if first or any(a["code"].startswith(prefix) for a in chunk.get("areas", ())):
            yield chunk
        first = False
