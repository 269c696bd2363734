"""The time of day, from one place, so that deadlines can be tested with a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """The real clock (UTC, aware)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock(Clock):
    """A clock that stands still until moved; for tests and for replaying history."""

    def __init__(self, at: datetime):
        if at.tzinfo is None:
            raise ValueError("a frozen clock needs an aware datetime")
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> datetime:
        self.at += timedelta(**delta)
        return self.at


SYSTEM_CLOCK = Clock()
