"""Linkages (挂钩联系): an agency assigned to keep contact with a community or town."""

from __future__ import annotations

import hashlib

from . import codes, dates, periods
from .audit import record
from .auth import READ_TREE, WRITE_PARTNERS, Caller
from .errors import Conflict, refuse_fields
from .paging import PageRequest

LINKAGE = periods.Kind(
    "linkage", get="linkages/get_linkage", lock="linkages/lock_linkage",
    set_until="linkages/set_linkage_until", delete="linkages/delete_linkage",
    area_of=lambda x: x["area"]["code"])


def linkage_id(agency_id: str, area_code: str, since: str) -> str:
    return "li-" + hashlib.sha256(f"{agency_id}|{area_code}|{since}".encode()).hexdigest()[:16]


def list_linkages(store, caller: Caller, page: PageRequest, *, agency: str | None = None,
                  area: str | None = None, within: str | None = None,
                  active_on: str | None = None) -> dict:
    caller.require(READ_TREE)
    for field, value in (("area", area), ("within", within)):
        if value is not None:
            codes.check(value, field)
    prefix = caller.scope.within(within)
    if prefix is None:
        return page.result([], 0)
    params = {"prefix": prefix, "scope": caller.scope.prefix, "agency": agency, "area": area,
              "active_on": dates.parse(active_on, "active_on", required=False)}
    total = store.read_one("linkages/count_linkages", **params)["n"]
    rows = store.read("linkages/list_linkages", **params, skip=page.skip, limit=page.page_size)
    return page.result([r["linkage"] for r in rows], total)


def get_linkage(store, caller: Caller, lid: str) -> dict:
    return periods.get(store, caller, LINKAGE, lid)


def create_linkage(store, caller: Caller, *, agency_id: str, area_code: str, since,
                   until=None) -> dict:
    caller.require(WRITE_PARTNERS)
    codes.check(area_code, "area_code")
    since, until = dates.period(since, until)
    lid = linkage_id(agency_id, area_code, since)

    def work(tx):
        parties = tx.one("linkages/get_linkage_parties", agency_id=agency_id,
                         area_code=area_code, scope=caller.scope.prefix)
        errors = {}
        if parties["area"] is None:
            errors["area_code"] = [f"no community or town {area_code} in your scope"]
        if parties["agency"] is None:
            errors["agency_id"] = [f"no agency {agency_id}; see GET /agencies"]
        refuse_fields(errors, "the linkage cannot be made")
        clash = tx.all("linkages/list_overlapping_linkages", agency_id=agency_id,
                       area_code=area_code, since=since, until=until)
        if clash:
            raise Conflict(f"{parties['agency']['name']} is already linked with "
                           f"{parties['area']['name']} ({clash[0]['id']} from "
                           f"{clash[0]['since']}); end it first")
        tx.one("linkages/create_linkage", id=lid, agency_id=agency_id, area_code=area_code,
               since=since, until=until)
        created = tx.one("linkages/get_linkage", id=lid, scope="")["linkage"]
        record(tx, caller, "create", "linkage", lid, area_code, None, created)
        return created

    return store.transact(work)


def end_linkage(store, caller: Caller, lid: str, until, *, version: int | None = None) -> dict:
    return periods.end(store, caller, LINKAGE, lid, until, version=version)


def withdraw_linkage(store, caller: Caller, lid: str, *, version: int | None) -> dict:
    """Remove a linkage entered in error (ending one keeps it instead)."""
    return periods.withdraw(store, caller, LINKAGE, lid, version=version)
