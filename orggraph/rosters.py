"""Roster import: the spreadsheets organization departments keep, loaded all or nothing.

Every row is checked first (format, existence within the caller's scope, periods, clashes
within the file and with what is stored). If any row is bad, the answer lists each bad row with
its line number and reason, and nothing is written. Otherwise every new row is written, with
one audit record per row, in one transaction. Rows already stored exactly as given are
unchanged, so importing the same file again changes nothing.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from . import codes, dates, tabular
from .audit import network_changed
from .auth import WRITE_PARTNERS, Caller
from .errors import InvalidInput
from .model import SECONDMENT_ROLES
from .pairings import pairing_id
from .secondments import secondment_id

COLUMNS = {
    "pairings": ["agency_id", "community_code", "since", "until"],
    "secondments": ["person_id", "area_code", "role", "agency_id", "since", "until"],
}
WRITE = {"pairings": "rosters/create_pairings", "secondments": "rosters/create_secondments"}
MAX_ROWS = 50_000
MAX_BYTES = 20 * 2**20  # a roster file, as uploaded (POST /imports)


@dataclass
class Report:
    kind: str
    rows: int = 0
    created: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)

    def bad(self, line: int, column: str, reason: str) -> None:
        self.errors.append({"line": line, "column": column, "reason": reason})


def import_file(store, caller: Caller, kind: str, data: bytes, fmt: str) -> Report:
    caller.require(WRITE_PARTNERS)
    if kind not in COLUMNS:
        raise InvalidInput(f"unknown roster {kind!r}", errors={"kind": list(COLUMNS)})
    rows = tabular.read(data, fmt)
    missing = [c for c in COLUMNS[kind] if c != "until" and c != "agency_id"
               and rows and c not in rows[0][1]]
    if missing:
        raise InvalidInput(f"the header lacks {', '.join(missing)}",
                           errors={"file": [f"columns: {', '.join(COLUMNS[kind])}"]})
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"{len(rows)} rows; split the file (at most {MAX_ROWS})",
                           errors={"file": [f"at most {MAX_ROWS} rows"]})
    report = Report(kind, rows=len(rows))
    parsed = [(n, _parse(kind, n, r, report)) for n, r in rows]
    parsed = [(n, r) for n, r in parsed if r is not None]
    check = _check_pairings if kind == "pairings" else _check_secondments

    def work(tx):
        new = check(tx, caller, parsed, report)
        if report.errors:
            report.errors.sort(key=lambda e: e["line"])
            raise RosterRejected(report)
        if new:
            _write(tx, caller, kind, new)
        report.created = len(new)
        report.unchanged = len(parsed) - len(new)
        return report

    if report.errors and not parsed:
        raise RosterRejected(report)
    return store.transact(work)


class RosterRejected(InvalidInput):
    def __init__(self, report: Report):
        lines = ", ".join(str(e["line"]) for e in report.errors[:20])
        more = "…" if len(report.errors) > 20 else ""
        super().__init__(
            f"{len(report.errors)} bad row(s) (lines {lines}{more}); nothing was imported",
            errors={f"line {e['line']}": [f"{e['column']}: {e['reason']}"]
                    for e in report.errors})
        self.report = report
        self.extra = {"rows": report.errors}


def _parse(kind: str, line: int, row: dict, report: Report) -> dict | None:
    before = len(report.errors)
    out = {}
    for column in COLUMNS[kind]:
        value = (row.get(column) or "").strip() or None
        try:
            if column in ("since", "until"):
                value = dates.parse(value, column, required=column == "since")
            elif column in ("community_code", "area_code"):
                value = codes.check(value, column)
            elif column == "role" and value not in SECONDMENT_ROLES:
                raise InvalidInput("role", errors={column: [f"one of {list(SECONDMENT_ROLES)}"]})
            elif value is None and column != "agency_id":
                raise InvalidInput(column, errors={column: ["required"]})
        except InvalidInput as e:
            report.bad(line, column, "; ".join(e.errors.get(column, [e.detail])))
        out[column] = value
    if len(report.errors) == before and out.get("until") and out["until"] < out["since"]:
        report.bad(line, "until", f"{out['until']} is before since {out['since']}")
    return out if len(report.errors) == before else None


def _known(tx, caller, parsed, area_key, person_key=None) -> dict:
    row = tx.one("rosters/list_known_parties",
                 agency_ids=sorted({r["agency_id"] for _, r in parsed if r.get("agency_id")}),
                 area_codes=sorted({r[area_key] for _, r in parsed}),
                 person_ids=sorted({r[person_key] for _, r in parsed}) if person_key else [],
                 scope=caller.scope.prefix)
    return {"agencies": {a: o for a, o in row["agencies"]},
            "areas": {c: (t, o) for c, t, o in row["areas"]}, "people": set(row["people"])}


def _overlaps(a_since, a_until, b_since, b_until) -> bool:
    return (a_until is None or a_until >= b_since) and (b_until is None or b_until >= a_since)


def _check_pairings(tx, caller, parsed, report) -> list[dict]:
    known = _known(tx, caller, parsed, "community_code")
    rows = []
    for n, r in parsed:
        org = known["agencies"].get(r["agency_id"])
        area = known["areas"].get(r["community_code"])
        if r["agency_id"] not in known["agencies"]:
            report.bad(n, "agency_id", f"no agency {r['agency_id']}")
        elif org is None:
            report.bad(n, "agency_id", "the agency has no Party organization")
        if area is None or area[0] != "community":
            report.bad(n, "community_code", f"no community {r['community_code']} in your scope")
        elif org is not None:
            rows.append((n, {**r, "id": pairing_id(r["agency_id"], r["community_code"],
                                                    r["since"]),
                             "agency_org": org, "community_org": area[1]}))
    stored = defaultdict(list)
    for s in tx.all("rosters/list_stored_pairings",
                    community_orgs=sorted({r["community_org"] for _, r in rows})):
        stored[(s["agency_org"], s["community_org"])].append(s)
    return _new_rows(rows, stored, lambda r: (r["agency_org"], r["community_org"]), report,
                     "pairing of this agency and community")


def _check_secondments(tx, caller, parsed, report) -> list[dict]:
    known = _known(tx, caller, parsed, "area_code", "person_id")
    rows = []
    for n, r in parsed:
        ok = True
        if r["person_id"] not in known["people"]:
            report.bad(n, "person_id", f"no person {r['person_id']}")
            ok = False
        area = known["areas"].get(r["area_code"])
        if area is None or area[0] not in ("community", "grid"):
            report.bad(n, "area_code", f"no community or grid {r['area_code']} in your scope")
            ok = False
        if r["agency_id"] and r["agency_id"] not in known["agencies"]:
            report.bad(n, "agency_id", f"no agency {r['agency_id']}")
            ok = False
        if ok:
            rows.append((n, {**r, "id": secondment_id(r["person_id"], r["area_code"],
                                                      r["role"], r["since"])}))
    stored = defaultdict(list)
    for s in tx.all("rosters/list_stored_secondments",
                    person_ids=sorted({r["person_id"] for _, r in rows})):
        stored[(s["person_id"], s["role"])].append(s)
    return _new_rows(rows, stored, lambda r: (r["person_id"], r["role"]), report,
                     "secondment of this person in this role")


def _new_rows(rows, stored, key, report, what) -> list[dict]:
    """Rows not yet stored; a row that clashes with the file or the store is an error."""
    new, seen = [], defaultdict(list)
    for n, r in rows:
        same = [s for s in stored[key(r)] if s["id"] == r["id"]]
        if same and same[0]["until"] == r["until"]:
            continue  # already stored exactly so
        clash = [s for s in stored[key(r)] + seen[key(r)]
                 if _overlaps(s["since"], s["until"], r["since"], r["until"])]
        if clash:
            c = clash[0]
            where = f"line {c['line']}" if "line" in c else c["id"]
            report.bad(n, "since", f"overlaps the {what} from {c['since']} to "
                                   f"{c['until'] or 'now'} ({where})")
            continue
        seen[key(r)].append({**r, "line": n})
        new.append(r)
    return new


def _write(tx, caller: Caller, kind: str, new: list[dict]) -> None:
    for i in range(0, len(new), 5000):
        tx.one(WRITE[kind], rows=new[i:i + 5000])
    entity = kind[:-1]
    area_key = "community_code" if kind == "pairings" else "area_code"
    records = [{"id": uuid.uuid4().hex, "action": "import", "entity": entity,
                "entity_id": r["id"], "area_code": r[area_key],
                "after": json.dumps({c: r.get(c) for c in COLUMNS[kind]}, ensure_ascii=False)}
               for r in new]
    for i in range(0, len(records), 5000):
        tx.one("audit/create_audits", token_id=caller.token_id, person_id=caller.person_id,
               actor=caller.name, records=records[i:i + 5000])
    network_changed(tx)  # once for the whole import
