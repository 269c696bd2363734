"""A chunk of seed rows, grouped by kind, in the order the loader writes them."""

from __future__ import annotations

from collections import defaultdict

# Nodes before the relationships that need them; parents before children within a kind.
KINDS = (
    "categories", "areas", "agencies", "party_orgs", "covers", "people", "leads", "secretaries",
    "memberships", "staff", "pairings", "projects", "linkages", "secondments", "events",
    "steps",
)


class Chunk(defaultdict):
    """``kind -> [row, ...]``; rows are plain dicts of primitives and ISO date strings."""

    def __init__(self):
        super().__init__(list)

    def extend(self, other: Chunk) -> None:
        for kind, rows in other.items():
            self[kind].extend(rows)

    def size(self) -> int:
        return sum(len(v) for v in self.values())
