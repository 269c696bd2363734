"""Leaders: the unit leader of a unit, the grid leader of a grid, the secretary of a Party org.

Replacing one ends the current holder's relation on the new one's start date; history stays.
The new holder is an existing person (``person_id``) or a new one (``name``, ``phone``).
"""

from __future__ import annotations

import uuid

from . import codes, dates
from .audit import record
from .auth import READ_TREE, WRITE_PARTNERS, Caller
from .errors import InvalidInput, NotFound

ROLE_OF_TIER = {"unit": "unit_leader", "grid": "grid_leader"}


def set_area_leader(store, caller: Caller, code: str, *, since, person_id: str | None = None,
                    name: str | None = None, phone: str | None = None) -> dict:
    codes.check(code)
    tier = codes.tier_of(code)
    if tier not in ROLE_OF_TIER:
        raise InvalidInput(f"{code} is a {tier}; leaders are set on units and grids "
                           "(secretaries on Party orgs)", errors={"code": ["a unit or grid"]})
    return _replace(store, caller, since, person_id, name, phone, role=ROLE_OF_TIER[tier],
                    code=code, org_id=None, entity="leader", statement="leaders/set_area_leader")


def set_secretary(store, caller: Caller, org_id: str, *, since, person_id: str | None = None,
                  name: str | None = None, phone: str | None = None) -> dict:
    return _replace(store, caller, since, person_id, name, phone, role="secretary", code=None,
                    org_id=org_id, entity="secretary", statement="leaders/set_org_secretary")


def leader_history(store, caller: Caller, *, code: str | None = None,
                   org_id: str | None = None) -> list[dict]:
    caller.require(READ_TREE)
    if code is not None:
        codes.check(code)
    rows = store.read("leaders/list_leader_history", code=code, org_id=org_id,
                      scope=caller.scope.prefix)
    if not rows and store.read_one("leaders/count_leader_targets", code=code, org_id=org_id,
                                   scope=caller.scope.prefix)["n"] == 0:
        raise NotFound(f"no {'area ' + code if code else 'Party org ' + str(org_id)}")
    return rows


def _replace(store, caller, since, person_id, name, phone, *, role, code, org_id, entity,
             statement) -> dict:
    caller.require(WRITE_PARTNERS)
    since = dates.parse(since, "since")
    if bool(person_id) == bool(name):
        raise InvalidInput("give either person_id (someone known) or name (someone new)",
                           errors={"person_id": ["or name, not both"]})

    def work(tx):
        row = tx.one("leaders/get_leader_target", code=code, org_id=org_id, role=role,
                     scope=caller.scope.prefix)
        if row is None:
            raise NotFound(f"no {'unit or grid ' + code if code else 'Party org ' + org_id}")
        target, current = row["target"], row["current"]
        if current and current["since"] > since:
            raise InvalidInput(f"the current holder started on {current['since']}, after {since}",
                               errors={"since": [f"on or after {current['since']}"]})
        person = _person(tx, person_id, name, phone)
        if current and current["id"] == person["id"]:
            raise InvalidInput(f"{person['name']} already holds this",
                               errors={"person_id": ["someone else"]})
        tx.one(statement, code=code, org_id=org_id, role=role, person_id=person["id"],
               since=since)
        after = {"person": person, "role": role, "since": since}
        key = code or org_id
        # Before in the shape of after, so that the record compares like with like.
        before = current and {"person": {"id": current["id"], "name": current["name"]},
                              "role": role, "since": current["since"]}
        record(tx, caller, "replace" if current else "assign", entity, key,
               target["area_code"], before, after)
        return {"target": target, **after, "previous": current}

    return store.transact(work)


def _person(tx, person_id, name, phone) -> dict:
    if person_id:
        row = tx.one("leaders/get_person", id=person_id)
        if row is None:
            raise InvalidInput(f"no person {person_id}", errors={"person_id": ["a known id"]})
        return row["person"]
    if not name.strip() or len(name) > 50:
        raise InvalidInput("name must be 1-50 characters", errors={"name": ["e.g. 陈春山"]})
    return tx.one("leaders/create_person", id=f"pn-{uuid.uuid4().hex[:12]}", name=name.strip(),
                  phone=phone, party_member=None)["person"]
