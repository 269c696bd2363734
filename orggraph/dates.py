"""Dates at the edges, checked here once: ISO day strings for relations, and local (China
Standard Time) days as windows of instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

from .errors import InvalidInput

# Days are China Standard Time days: times are stored as UTC instants and shown at +08:00.
CHINA = timezone(timedelta(hours=8), "CST")
# How a day is written, as every refusal of one says it.
DATE_FORM = "a date, YYYY-MM-DD"


def parse(value: object, field: str, *, required: bool = True) -> str | None:
    """An ISO date string (YYYY-MM-DD), or None when optional and absent."""
    if value in (None, ""):
        if required:
            raise InvalidInput(f"{field} is required", errors={field: [DATE_FORM]})
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise InvalidInput(f"{field} {value!r} is not a date",
                           errors={field: [DATE_FORM]}) from None


def period(since: object, until: object) -> tuple[str, str | None]:
    """A relation's ``since`` (required) and ``until`` (open-ended when absent), parsed and in
    order."""
    since = parse(since, "since")
    until = parse(until, "until", required=False)
    check_period(since, until)
    return since, until


def check_period(since: str, until: str | None, *, field: str = "until",
                 start: str = "since") -> None:
    """``until`` (named ``field``) not before ``since`` (named ``start``), so the message names
    the two parameters the caller actually sent."""
    if until is not None and until < since:
        raise InvalidInput(f"{field} {until} is before {start} {since}",
                           errors={field: [f"on or after {start} ({since})"]})


def day_window(from_: object, to: object) -> dict | None:
    """``{start, end}``: the UTC instants from the start of the local day ``from_`` to the end
    of the local day ``to`` (both days included, either open when absent), or None when
    neither is given."""
    if from_ in (None, "") and to in (None, ""):
        return None
    start = parse(from_, "from", required=False)
    end = parse(to, "to", required=False)
    if start:
        check_period(start, end, field="to", start="from")
    first = _midnight(date.fromisoformat(start)) if start else _EARLIEST
    after = _midnight(date.fromisoformat(end) + timedelta(days=1)) \
        if end and end < date.max.isoformat() else _LATEST
    return {"start": first, "end": after}


_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)


def _midnight(day: date) -> datetime:
    """The instant a local day begins; the first day of the calendar begins at its start."""
    try:
        return datetime.combine(day, time(), CHINA).astimezone(UTC)
    except OverflowError:  # 0001-01-01 at +08:00 began the day before the calendar's first
        return _EARLIEST
