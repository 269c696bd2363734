"""Pairings (机关+社区 结对共建): an agency's Party org with a community's, over a period.

History is kept: ending a pairing sets ``until``; ``active_on`` answers "as of that date".
Scope is the community's: a caller sees and changes pairings of communities in its subtree.
"""

from __future__ import annotations

import hashlib

from . import codes, dates, periods
from .audit import record
from .auth import READ_TREE, WRITE_PARTNERS, Caller
from .errors import Conflict, InvalidInput, NotFound, refuse_fields
from .paging import PageRequest

PAIRING = periods.Kind(
    "pairing", get="pairings/get_pairing", lock="pairings/lock_pairing",
    set_until="pairings/set_pairing_until", delete="pairings/delete_pairing",
    area_of=lambda p: p["community"]["code"])


def pairing_id(agency_id: str, community_code: str, since: str) -> str:
    """Deterministic, so a roster imported twice names the same pairing."""
    key = f"{agency_id}|{community_code}|{since}".encode()
    return "pr-" + hashlib.sha256(key).hexdigest()[:16]


def list_pairings(store, caller: Caller, page: PageRequest, *, agency: str | None = None,
                  community: str | None = None, within: str | None = None,
                  active_on: str | None = None) -> dict:
    caller.require(READ_TREE)
    if community is not None and codes.check(community, "community") and \
            codes.tier_of(community) != "community":
        raise InvalidInput(f"{community} is not a community",
                           errors={"community": ["a community's 12-digit code"]})
    if within is not None:
        codes.check(within, "within")
    active_on = dates.parse(active_on, "active_on", required=False)
    prefix = caller.scope.within(within)
    if prefix is not None and community is not None:
        # The community narrows the prefix further; outside it, nothing matches.
        prefix = community if community.startswith(prefix) else None
    if prefix is None:
        return page.result([], 0)
    params = {"prefix": prefix, "scope": caller.scope.prefix, "agency": agency,
              "active_on": active_on}
    statement = "pairings/list_pairings_of_agency" if agency else "pairings/list_pairings"
    row = store.read_one(statement, **params, skip=page.skip, limit=page.page_size)
    return page.result(row["items"], row["total"])


def get_pairing(store, caller: Caller, pid: str) -> dict:
    return periods.get(store, caller, PAIRING, pid)


def create_pairing(store, caller: Caller, *, agency_id: str, community_code: str, since,
                   until=None) -> dict:
    caller.require(WRITE_PARTNERS)
    codes.check(community_code, "community_code")
    since, until = dates.period(since, until)
    pid = pairing_id(agency_id, community_code, since)

    def work(tx):
        parties = tx.one("pairings/get_pairing_parties", agency_id=agency_id,
                         community_code=community_code, scope=caller.scope.prefix)
        _check_parties(parties, agency_id, community_code)
        clash = tx.all("pairings/list_overlapping_pairings", agency_org=parties["agency_org"],
                       community_org=parties["community_org"], since=since, until=until)
        if clash:
            c = clash[0]
            raise Conflict(f"{parties['agency']['name']} and {parties['community']['name']} "
                           f"already have a pairing {c['id']} from {c['since']} to "
                           f"{c['until'] or 'now'}; end it first")
        tx.one("pairings/create_pairing", id=pid, agency_org=parties["agency_org"],
               community_org=parties["community_org"], since=since, until=until)
        created = tx.one("pairings/get_pairing", id=pid, scope="")["pairing"]
        record(tx, caller, "create", "pairing", pid, community_code, None, created)
        return created

    return store.transact(work)


def end_pairing(store, caller: Caller, pid: str, until, *, version: int | None = None) -> dict:
    return periods.end(store, caller, PAIRING, pid, until, version=version)


def withdraw_pairing(store, caller: Caller, pid: str, *, version: int | None) -> dict:
    """Remove a pairing entered in error, with its projects (ending one keeps it instead)."""
    return periods.withdraw(store, caller, PAIRING, pid, version=version)


def add_project(store, caller: Caller, pid: str, *, title: str, amount: int, funded_by: str,
                date, version: int | None = None) -> dict:
    caller.require(WRITE_PARTNERS)
    when = dates.parse(date, "date")
    _check_amount(amount)

    def work(tx):
        before = periods.locked(tx, caller, PAIRING, pid)
        periods.require_current(
            tx.one("pairings/create_project", pairing_id=pid, title=title, amount=amount,
                   funded_by=funded_by, date=when, version=version), PAIRING.name, pid, before)
        return _recorded(tx, caller, "add_project", pid, before)

    return store.transact(work)


def change_project(store, caller: Caller, pid: str, xid: str, *, version: int | None = None,
                   title: str | None = None, amount: int | None = None,
                   funded_by: str | None = None, date=None) -> dict:
    """Correct a project's title, amount, funder or date (those given; the rest stay). Answers
    the pairing as it is now. A correction that changes nothing writes nothing."""
    caller.require(WRITE_PARTNERS)
    changes = {"title": title, "amount": amount, "funded_by": funded_by,
               "date": dates.parse(date, "date", required=False)}
    if amount is not None:
        _check_amount(amount)

    def work(tx):
        before = periods.locked(tx, caller, PAIRING, pid)
        project = _project(before, xid)
        if all(v is None or project[k] == v for k, v in changes.items()):
            # Nothing to write; the version the caller saw is still checked, under the lock.
            stale = version is not None and version != before["version"]
            periods.require_current(None if stale else before, PAIRING.name, pid, before)
            return before
        periods.require_current(
            tx.one("pairings/set_project", pairing_id=pid, id=xid, version=version, **changes),
            PAIRING.name, pid, before)
        return _recorded(tx, caller, "change_project", pid, before)

    return store.transact(work)


def withdraw_project(store, caller: Caller, pid: str, xid: str, *,
                     version: int | None) -> dict:
    """Remove a project entered in error from its pairing; the audit record keeps the pairing
    as it was. Answers the pairing as it is now."""
    caller.require(WRITE_PARTNERS)

    def work(tx):
        before = periods.locked(tx, caller, PAIRING, pid)
        _project(before, xid)
        periods.require_current(
            tx.one("pairings/delete_project", pairing_id=pid, id=xid, version=version),
            PAIRING.name, pid, before)
        return _recorded(tx, caller, "withdraw_project", pid, before)

    return store.transact(work)


def _check_amount(amount: int) -> None:
    if amount < 0:
        raise InvalidInput("amount must not be negative", errors={"amount": [">= 0 yuan"]})


def _project(pairing: dict, xid: str) -> dict:
    """Project ``xid`` of ``pairing`` (as get_pairing shapes it); 404 when it has none such."""
    for x in pairing["projects"]:
        if x["id"] == xid:
            return x
    raise NotFound(f"no project {xid} on pairing {pairing['id']}")


def _recorded(tx, caller: Caller, action: str, pid: str, before: dict) -> dict:
    """The pairing as the change left it, audited against ``before``."""
    after = tx.one(PAIRING.get, id=pid, scope="")[PAIRING.name]
    record(tx, caller, action, PAIRING.name, pid, PAIRING.area_of(before), before, after)
    return after


def _check_parties(parties: dict, agency_id: str, community_code: str) -> None:
    errors = {}
    if parties["community"] is None:
        errors["community_code"] = [f"no community {community_code} in your scope "
                                    "(pairings are with communities, 12-digit codes)"]
    if parties["agency"] is None:
        errors["agency_id"] = [f"no agency {agency_id}; see GET /agencies"]
    elif parties["agency_org"] is None:
        errors["agency_id"] = [f"agency {agency_id} has no Party organization to pair"]
    refuse_fields(errors, "the pairing cannot be made")
