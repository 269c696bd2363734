"""An Open311 GeoReport v2 façade over events, so existing 311 clients can file and follow them.

Services are our categories; service requests are our events (``address_id`` is the unit code,
``account_id`` the reporting person's id); ``notes`` carries the event's hop history. The key
is the ``api_key`` parameter (a token, as for the rest of the API) or the usual Bearer header.
Errors follow GeoReport: a list of ``{code, description}``.
"""

from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import events
from orggraph.errors import NotFound, OrggraphError, Unavailable
from orggraph.model import CATEGORIES, TIER_LABELS
from orggraph.paging import PageRequest

from ..auth import current_caller
from ..db import get_clock, get_new_events, get_policy, get_store
from ..schemas import area_code
from .parsing import LenientBlueprint

blp = LenientBlueprint(
    "open311", __name__, url_prefix="/open311/v2",
    description="Open311 GeoReport v2: services are categories, requests are events.")
GROUP = "社会治理"


@blp.errorhandler(OrggraphError)
def _error(e: OrggraphError):
    response = jsonify([{"code": e.status, "description": e.detail}])
    response.status_code = e.status
    if isinstance(e, Unavailable):
        response.headers["Retry-After"] = str(e.retry_after)
    return response


class Service(Schema):
    service_code = fields.String(required=True)
    service_name = fields.String(required=True)
    description = fields.String(required=True)
    metadata = fields.Boolean(required=True)
    type = fields.String(required=True)
    keywords = fields.String(required=True)
    group = fields.String(required=True)


class NewRequest(Schema):
    api_key = fields.String()
    service_code = fields.String(required=True, validate=validate.OneOf(list(CATEGORIES)))
    address_id = area_code("the unit's 18-digit code", 18, required=True)
    description = fields.String(required=True, validate=validate.Length(min=1, max=500))
    account_id = fields.String(required=True, validate=validate.Length(min=1, max=64),
                               metadata={"description": "the reporting person's id"})


class Accepted(Schema):
    service_request_id = fields.String(required=True)
    service_notice = fields.String()
    account_id = fields.String()


class Note(Schema):
    type = fields.String()
    datetime = fields.String()
    summary = fields.String()
    description = fields.String(allow_none=True)


class ServiceRequest(Schema):
    service_request_id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["open", "closed"]))
    status_notes = fields.String(allow_none=True)
    service_name = fields.String()
    service_code = fields.String()
    description = fields.String()
    agency_responsible = fields.String(allow_none=True)
    service_notice = fields.String(allow_none=True)
    requested_datetime = fields.String()
    updated_datetime = fields.String(allow_none=True)
    expected_datetime = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    address_id = fields.String()
    zipcode = fields.String(allow_none=True)
    lat = fields.Float(allow_none=True)
    long = fields.Float(allow_none=True)
    media_url = fields.String(allow_none=True)
    notes = fields.List(fields.Nested(Note))


class RequestQuery(Schema):
    api_key = fields.String()
    service_request_id = fields.String(metadata={"description": "comma-separated ids"})
    service_code = fields.String(validate=validate.OneOf(list(CATEGORIES)))
    status = fields.String(validate=validate.OneOf(["open", "closed"]))
    within = area_code("extension: only this area's subtree")
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


def _service(key: str) -> dict:
    return {"service_code": key, "service_name": CATEGORIES[key],
            "description": f"{CATEGORIES[key]}类事件", "metadata": False, "type": "realtime",
            "keywords": key.replace("_", " "), "group": GROUP}


def _request(e: dict) -> dict:
    trail = e.get("trail") or []
    last = trail[-1] if trail else None
    return {
        "service_request_id": e["id"],
        "status": "closed" if e["status"] == "closed" else "open",
        "status_notes": (last or {}).get("note") or e["status"],
        "service_name": CATEGORIES.get(e["category"]), "service_code": e["category"],
        "description": e["summary"],
        "agency_responsible": (e["agency"] or {}).get("name") or e["area_code"],
        "service_notice": f"当前在{TIER_LABELS.get(e['level'], e['level'])}层级处理"
        if e["status"] != "closed" else None,
        "requested_datetime": e["collected_at"],
        "updated_datetime": (last or {}).get("at") or e["collected_at"],
        "expected_datetime": e["due_at"], "address": e["unit"]["name"],
        "address_id": e["unit"]["code"], "zipcode": None, "lat": None, "long": None,
        "media_url": None,
        "notes": [{"type": s["action"], "datetime": s["at"],
                   "summary": f"{s['by']['name']} ({s['level']})", "description": s["note"]}
                  for s in trail],
    }


@blp.route("/services.json")
class Services(MethodView):
    @blp.response(200, Service(many=True))
    def get(self):
        """The services: our event categories."""
        return [_service(k) for k in CATEGORIES]


@blp.route("/services/<service_code>.json")
class ServiceDefinition(MethodView):
    @blp.response(200)
    def get(self, service_code):
        """A service definition (no extra attributes)."""
        if service_code not in CATEGORIES:
            raise NotFound(f"no service {service_code}")
        return {"service_code": service_code, "attributes": []}


@blp.route("/requests.json")
class Requests(MethodView):
    @blp.arguments(RequestQuery(), location="query", as_kwargs=True)
    @blp.response(200, ServiceRequest(many=True))
    def get(self, page_size, service_request_id=None, service_code=None, status=None,
            within=None, api_key=None):
        """Service requests: the ones named, or the newest of the caller's scope."""
        store, caller, clock = get_store(), current_caller(), get_clock()
        if service_request_id:
            ids = [i.strip() for i in service_request_id.split(",") if i.strip()][:500]
            return [_request(e) for e in events.get_events(store, caller, ids, clock=clock)]
        page = events.list_events(store, caller, PageRequest(1, page_size), within=within,
                                  category=service_code, clock=clock,
                                  still_open={"open": True, "closed": False}.get(status))
        # A page lists events without their unit and trail; GeoReport clients follow requests
        # by their notes, so the page's events are read again whole, in one round trip.
        return [_request(e) for e in events.get_events(
            store, caller, [e["id"] for e in page["items"]], clock=clock)]

    @blp.arguments(NewRequest(), location="form")
    @blp.response(201, Accepted(many=True))
    def post(self, body):
        """File a service request: an event collected in the unit ``address_id``."""
        created = get_new_events().submit(events.collected(
            current_caller(), unit_code=body["address_id"], category=body["service_code"],
            summary=body["description"], reported_by=body["account_id"], clock=get_clock(),
            policy=get_policy()))
        return [{"service_request_id": created["id"], "account_id": body["account_id"],
                 "service_notice": "已受理，同日研判 (decided the same day)"}]


@blp.route("/requests/<request_id>.json")
class OneRequest(MethodView):
    @blp.response(200, ServiceRequest(many=True))
    def get(self, request_id):
        """One service request, with its hop history in ``notes``."""
        return [_request(events.get_event(get_store(), current_caller(), request_id,
                                          clock=get_clock()))]

