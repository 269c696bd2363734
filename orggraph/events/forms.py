"""The forms an event takes on its way out of and into Neo4j: stored properties made
native, the API's view of an event and its trail, and the wire form of many rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ..model import CATEGORIES
from ..workflow import CHINA, next_actions

# Times the statements that show events send as epoch milliseconds: the driver decodes one of
# its own zoned datetimes in about 0.3 ms, most of the time of a page of events.
MILLIS = frozenset({"collected_at", "due_at", "closed_at", "at"})


def native(props: dict) -> dict:
    """Driver temporal values, and the times in :data:`MILLIS` sent as epoch milliseconds,
    as Python datetimes."""
    out = {}
    for k, v in props.items():
        if hasattr(v, "to_native"):
            v = v.to_native()
        elif k in MILLIS and type(v) is int:
            v = datetime.fromtimestamp(v / 1000, UTC)
        out[k] = v
    return out


def iso(v) -> str | None:
    """A time as local (China) ISO 8601 with its offset; a date as YYYY-MM-DD."""
    if hasattr(v, "to_native"):
        v = v.to_native()
    if isinstance(v, datetime):
        return v.astimezone(CHINA).isoformat(timespec="seconds")
    if isinstance(v, date):
        return v.isoformat()
    return v


def render(e: dict, unit: dict | None, agency: dict | None, trail: list[dict] | None,
           now: datetime) -> dict:
    """The API's view of an event (and its trail when given)."""
    e = native(e)
    is_open = e["status"] != "closed"
    out = {
        "id": e["id"], "unit": unit or {"code": e["unit_code"], "name": None},
        "category": e["category"], "category_label": CATEGORIES.get(e["category"]),
        "summary": e["summary"], "status": e["status"], "level": e["level"],
        "area_code": e["area_code"], "agency": agency or (
            {"id": e["agency_id"], "name": None} if e.get("agency_id") else None),
        "reported_by": {"id": e["reporter_id"], "name": e["reporter_name"]},
        "collected_at": iso(e["collected_at"]), "due_at": iso(e["due_at"]) if is_open else None,
        "overdue": bool(is_open and e["due_at"] and now > e["due_at"]),
        "closed_at": iso(e.get("closed_at")), "resolved_level": e.get("resolved_level"),
        "self_closed": e["self_closed"], "verified": e["verified"],
        "needs_check": e["self_closed"] and not e["verified"],
        "overdue_steps": e["overdue_steps"], "returned_by": e["returned_by"],
        "next_actions": list(next_actions(e)), "version": e["version"],
    }
    if trail is not None:
        out["trail"] = [{
            "seq": s["seq"], "action": s["action"], "level": s["level"],
            "area_code": s["area_code"],
            "by": {"id": s["by_id"], "name": s["by_name"]},
            "at": iso(s["at"]), "note": s.get("note"), "to": s.get("to"),
            "late": s.get("late", False)} for s in map(native, trail)]
    return out


def brief(e: dict, agency: dict | None = None) -> dict:
    """Where an event stands, for the audit record's before and after: what a step can
    change, with the agency holding it as {id, name} (``agency``, when its name is known)."""
    out = {k: iso(e.get(k)) for k in ("status", "level", "area_code", "due_at", "overdue_steps")}
    held = e.get("agency_id")
    out["agency"] = None if held is None else (
        agency if agency and agency.get("id") == held else {"id": held, "name": None})
    return out


def wire(props: dict) -> dict:
    """``props`` with times and dates as ISO strings, for statements that write many rows:
    the driver packs a Python datetime some thirty times slower than a string, and the
    statement turns the strings back into temporal values."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in props.items()}
