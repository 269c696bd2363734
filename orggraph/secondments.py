"""Secondments (下沉): a person working in a community or grid for a period, in a role.

A person cannot hold two overlapping secondments in the same role (anywhere).
"""

from __future__ import annotations

import hashlib

from . import codes, dates, periods
from .audit import record
from .auth import READ_TREE, WRITE_PARTNERS, Caller
from .errors import Conflict, InvalidInput, refuse_fields
from .model import SECONDMENT_ROLES
from .paging import PageRequest

SECONDMENT = periods.Kind(
    "secondment", get="secondments/get_secondment", lock="secondments/lock_secondment",
    set_until="secondments/set_secondment_until", delete="secondments/delete_secondment",
    area_of=lambda x: x["area"]["code"])


def secondment_id(person_id: str, area_code: str, role: str, since: str) -> str:
    key = f"{person_id}|{area_code}|{role}|{since}".encode()
    return "sd-" + hashlib.sha256(key).hexdigest()[:16]


def check_role(role: str | None, field: str = "role") -> None:
    if role is not None and role not in SECONDMENT_ROLES:
        raise InvalidInput(f"unknown role {role!r}",
                           errors={field: [f"one of {list(SECONDMENT_ROLES)}"]})


def list_secondments(store, caller: Caller, page: PageRequest, *, within: str | None = None,
                     role: str | None = None, person: str | None = None,
                     active_on: str | None = None) -> dict:
    caller.require(READ_TREE)
    check_role(role)
    if within is not None:
        codes.check(within, "within")
    prefix = caller.scope.within(within)
    if prefix is None:
        return page.result([], 0)
    params = {"prefix": prefix, "scope": caller.scope.prefix, "role": role, "person": person,
              "active_on": dates.parse(active_on, "active_on", required=False)}
    total = store.read_one("secondments/count_secondments", **params)["n"]
    rows = store.read("secondments/list_secondments", **params, people=caller.sees_people,
                      skip=page.skip, limit=page.page_size)
    return page.result([r["secondment"] for r in rows], total)


def get_secondment(store, caller: Caller, sid: str) -> dict:
    return periods.get(store, caller, SECONDMENT, sid, people=caller.sees_people)


def create_secondment(store, caller: Caller, *, person_id: str, area_code: str, role: str,
                      since, until=None, agency_id: str | None = None) -> dict:
    caller.require(WRITE_PARTNERS)
    codes.check(area_code, "area_code")
    check_role(role)
    since, until = dates.period(since, until)
    sid = secondment_id(person_id, area_code, role, since)

    def work(tx):
        parties = tx.one("secondments/get_secondment_parties", person_id=person_id,
                         area_code=area_code, agency_id=agency_id, scope=caller.scope.prefix)
        errors = {}
        if parties["person"] is None:
            errors["person_id"] = [f"no person {person_id}"]
        if parties["area"] is None:
            errors["area_code"] = [f"no community or grid {area_code} in your scope"]
        if agency_id is not None and parties["agency"] is None:
            errors["agency_id"] = [f"no agency {agency_id}; see GET /agencies"]
        refuse_fields(errors, "the secondment cannot be made")
        clash = tx.all("secondments/list_overlapping_secondments", person_id=person_id,
                       role=role, since=since, until=until)
        if clash:
            c = clash[0]
            raise Conflict(f"{parties['person']['name']} is already seconded as {role} to "
                           f"{c['area']} from {c['since']} to {c['until'] or 'now'} ({c['id']})")
        tx.one("secondments/create_secondment", id=sid, person_id=person_id,
               area_code=area_code, agency_id=agency_id, role=role, since=since, until=until)
        created = tx.one("secondments/get_secondment", id=sid, scope="", people=True)
        record(tx, caller, "create", "secondment", sid, area_code, None, created["secondment"])
        shown = created["secondment"]
        if not caller.sees_people:
            shown = {**shown, "person": {k: shown["person"][k] for k in ("id", "name")}}
        return shown

    return store.transact(work)


def end_secondment(store, caller: Caller, sid: str, until, *,
                   version: int | None = None) -> dict:
    return periods.end(store, caller, SECONDMENT, sid, until, version=version,
                       get_params={"people": caller.sees_people})


def withdraw_secondment(store, caller: Caller, sid: str, *, version: int | None) -> dict:
    """Remove a secondment entered in error; the person stays (ending one keeps it instead)."""
    return periods.withdraw(store, caller, SECONDMENT, sid, version=version,
                            get_params={"people": caller.sees_people})
