"""Norms the analyses measure against. Defaults follow the article: a unit leader answers for
about 100 residents; each level settles or passes an event within one working day."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Norms:
    # A unit leader leading more units, or more residents, than this is overloaded.
    max_units_per_leader: int = 2
    max_residents_per_unit_leader: int = 250
    # Residents per person of a grid's staff (grid leader, unit leaders, secondees) above which
    # the grid counts as understaffed.
    residents_per_staff: int = 150
    # Hours an event may wait at one level (the same-day rule: a working day).
    hours_per_level: float = 8.0
    # Hours for a community to call an agency it is paired or linked with, or that has a
    # secondee there (a direct call, still within the day).
    shortcut_hours: float = 8.0

    @classmethod
    def from_mapping(cls, values: dict) -> Norms:
        known = {f.name: f.type for f in fields(cls)}
        return cls(**{k: (float(v) if known[k] == "float" else int(v))
                      for k, v in values.items() if k in known and v is not None})


DEFAULT_NORMS = Norms()
