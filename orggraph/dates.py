"""Dates of relations: ISO strings at the edges, checked here once."""

from __future__ import annotations

from datetime import date

from .errors import InvalidInput


def parse(value: object, field: str, *, required: bool = True) -> str | None:
    """An ISO date string (YYYY-MM-DD), or None when optional and absent."""
    if value in (None, ""):
        if required:
            raise InvalidInput(f"{field} is required", errors={field: ["a date, YYYY-MM-DD"]})
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise InvalidInput(f"{field} {value!r} is not a date",
                           errors={field: ["a date, YYYY-MM-DD"]}) from None


def period(since: object, until: object) -> tuple[str, str | None]:
    """A relation's ``since`` (required) and ``until`` (open-ended when absent), parsed and in
    order."""
    since = parse(since, "since")
    until = parse(until, "until", required=False)
    check_period(since, until)
    return since, until


def check_period(since: str, until: str | None, *, field: str = "until") -> None:
    if until is not None and until < since:
        raise InvalidInput(f"{field} {until} is before since {since}",
                           errors={field: [f"on or after since ({since})"]})
