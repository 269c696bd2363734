"""Constraints and indexes, applied idempotently (every statement is ``IF NOT EXISTS``)."""

from __future__ import annotations

from .driver import Store


def apply_schema(store: Store) -> list[str]:
    names = store.queries.group("schema")
    for name in names:
        store.run_schema(name)
    store.run_schema("admin/await_indexes")
    return names
