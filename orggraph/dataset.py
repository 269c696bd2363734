"""The shape of data handed to the loader: rows of plain values grouped by kind.

The seed generator produces it; rosters and backups will too. Kinds are written in this order so
that every relationship finds both of its ends already stored.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import TIER_NODE_LABELS, TIERS

LOAD_ORDER = (
    "categories", "areas", "agencies", "party_orgs", "covers", "people", "leads", "secretaries",
    "memberships", "staff", "pairings", "projects", "linkages", "secondments", "events",
    "steps",
)

Rows = list[dict]
Chunk = Mapping[str, Rows]


def ordered(kind: str, rows: Rows) -> Rows:
    """Rows sorted so that parents precede children (areas by tier, Party orgs by level)."""
    if kind == "areas":
        rows = sorted(rows, key=lambda r: TIERS.index(r["tier"]))
        for r in rows:
            r["label"] = TIER_NODE_LABELS[r["tier"]]  # allow-listed label for the statement
        return rows
    if kind == "party_orgs":
        return sorted(rows, key=lambda r: (TIERS.index(r["level"]), r.get("agency_id") is not None))
    return rows
