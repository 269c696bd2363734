"""Events: collection, steps of the workflow, lists, the suggested route."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import analysis, events, workflow
from orggraph.model import CATEGORIES, TIERS

from ..auth import current_caller
from ..concurrency import idempotent, if_match_version, with_etag
from ..db import get_clock, get_new_events, get_policy, get_projections, get_store
from ..export import page_or_file
from ..schemas import CodeRef, Exportable, PageArgs, PageSchema, PersonRef, area_code
from . import PROBLEMS
from .parsing import Blueprint

blp = Blueprint("events", __name__, url_prefix="/events",
                description="Events collected in units and moved up, every step traced.")


class NewEvent(Schema):
    unit_code = area_code("the unit's 18-digit code", 18, required=True)
    category = fields.String(required=True, validate=validate.OneOf(list(CATEGORIES)))
    summary = fields.String(required=True, validate=validate.Length(min=1, max=500))
    reported_by = fields.String(required=True, validate=validate.Length(min=1, max=64),
                                metadata={"description": "the reporting person's id"})


class BatchRow(Schema):
    """A row of a batch. Only its shape is checked here: its values are checked with its unit
    and reporter (orggraph.events.create_events), so that one answer names every bad row."""

    unit_code = fields.String(required=True, metadata={
        "description": "the unit's 18-digit code", "example": "350302003007001001"})
    category = fields.String(required=True, metadata={"enum": list(CATEGORIES)})
    summary = fields.String(required=True, metadata={"description": "1-500 characters"})
    reported_by = fields.String(required=True,
                                metadata={"description": "the reporting person's id"})


class NewEvents(Schema):
    events = fields.List(fields.Nested(BatchRow), required=True,
                         validate=validate.Length(min=1, max=events.MAX_BATCH))


class Created(Schema):
    created = fields.Integer(required=True)
    ids = fields.List(fields.String(), required=True)


class NewStep(Schema):
    action = fields.String(required=True, validate=validate.OneOf(workflow.ACTIONS))
    by = fields.String(required=True, validate=validate.Length(min=1, max=64),
                       metadata={"description": "the acting person's id"})
    note = fields.String(validate=validate.Length(max=2000))
    to = fields.String(validate=validate.Length(min=1, max=64), metadata={
        "description": "escalate: the tier to go to (default one up; a unit may go straight "
                       "to its community); dispatch: the agency id (default: the suggested "
                       "one)"})


class DispatchedTo(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True, allow_none=True)


class StepOut(Schema):
    seq = fields.Integer(required=True)
    action = fields.String(required=True)
    level = fields.String(required=True, validate=validate.OneOf(TIERS))
    area_code = fields.String(required=True)
    by = fields.Nested(PersonRef, required=True)
    at = fields.String(required=True)
    note = fields.String(allow_none=True)
    to = fields.String(allow_none=True)
    late = fields.Boolean(required=True)


class EventOut(Schema):
    id = fields.String(required=True)
    unit = fields.Nested(CodeRef, required=True)
    category = fields.String(required=True)
    category_label = fields.String(allow_none=True)
    summary = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(workflow.STATUSES))
    level = fields.String(required=True)
    area_code = fields.String(required=True)
    agency = fields.Nested(DispatchedTo, allow_none=True)
    reported_by = fields.Nested(PersonRef, required=True)
    collected_at = fields.String(required=True)
    due_at = fields.String(allow_none=True)
    overdue = fields.Boolean(required=True)
    closed_at = fields.String(allow_none=True)
    resolved_level = fields.String(allow_none=True)
    self_closed = fields.Boolean(required=True)
    verified = fields.Boolean(required=True)
    needs_check = fields.Boolean(required=True)
    overdue_steps = fields.Integer(required=True)
    returned_by = fields.List(fields.String(), required=True)
    next_actions = fields.List(fields.String(validate=validate.OneOf(workflow.ACTIONS)),
                               required=True, metadata={
        "description": "the steps the workflow allows now (a verify, by someone other than the "
                       "reporter and the person who closed it)"})
    version = fields.Integer(required=True)
    trail = fields.List(fields.Nested(StepOut))


class EventPage(PageSchema):
    items = fields.List(fields.Nested(EventOut), required=True)


EVENT_COLUMNS = ["id", "collected_at", "unit.code", "unit.name", "category", "summary",
                 "status", "level", "area_code", "agency.id", "agency.name", "reported_by.id",
                 "reported_by.name", "due_at", "overdue", "closed_at", "resolved_level",
                 "self_closed", "verified", "needs_check", "overdue_steps", "returned_by"]


class EventListArgs(PageArgs, Exportable):
    within = area_code("only events of units in this area's subtree")
    status = fields.String(validate=validate.OneOf(workflow.STATUSES))
    still_open = fields.Boolean(data_key="open", metadata={
        "description": "true: only events not closed yet (any status before closed); false: "
                       "only closed ones"})
    category = fields.String(validate=validate.OneOf(list(CATEGORIES)))
    overdue = fields.Boolean(metadata={"description": "open and past the level's deadline"})
    needs_check = fields.Boolean(metadata={
        "description": "closed by the person who reported it, not yet checked by another"})


class Suggestion(Schema):
    dispatch_to = fields.Dict(allow_none=True, metadata={
        "description": "the cheapest competent agency callable from where the event is"})
    best = fields.Dict(allow_none=True, metadata={"description": "the cheapest path overall"})
    reason = fields.String(allow_none=True)


HEADERS = {"ETag": {"schema": {"type": "string"}}}


@blp.route("")
class EventList(MethodView):
    @blp.arguments(EventListArgs(), location="query", as_kwargs=True)
    @blp.response(200, EventPage)
    @blp.alt_response(422, **PROBLEMS[422])
    def get(self, page, page_size, format, **filters):
        """Events of the caller's scope, newest first; `overdue=true` for the late ones (JSON,
        or the whole list as CSV or XLSX)."""
        return page_or_file(
            lambda p: events.list_events(get_store(), current_caller(), p, clock=get_clock(),
                                         **filters),
            page, page_size, format, EVENT_COLUMNS, "events", streams=True)

    @blp.arguments(NewEvent())
    @blp.response(201, EventOut, headers=HEADERS)
    @blp.alt_response(403, **PROBLEMS[403])
    @blp.alt_response(422, **PROBLEMS[422])
    @idempotent
    def post(self, body):
        """Collect an event in a unit (its first step, `collect`)."""
        new = events.collected(current_caller(), clock=get_clock(), policy=get_policy(), **body)
        return with_etag(get_new_events().submit(new), 201)


# A batch is its own resource (not /events/batch, which would read as the event "batch").
batch_blp = Blueprint("event_batches", __name__, url_prefix="/event-batches",
                      description="Many events collected at once.")


@batch_blp.route("")
class EventBatch(MethodView):
    @batch_blp.arguments(NewEvents())
    @batch_blp.response(201, Created)
    @batch_blp.alt_response(403, **PROBLEMS[403])
    @batch_blp.alt_response(422, **PROBLEMS[422])
    @idempotent
    def post(self, body):
        """Collect up to 5,000 events at once, all or none (each bad one is named).

        Sent again with the same `Idempotency-Key` (a retry after a lost answer), the batch
        is not collected twice: the first answer is replayed.
        """
        return events.create_events(get_store(), current_caller(), body["events"],
                                    clock=get_clock(), policy=get_policy())


@blp.route("/<event_id>")
class Event(MethodView):
    @blp.response(200, EventOut, headers=HEADERS)
    @blp.alt_response(404, **PROBLEMS[404])
    def get(self, event_id):
        """One event with its trail."""
        return with_etag(events.get_event(get_store(), current_caller(), event_id,
                                          clock=get_clock()))


@blp.route("/<event_id>/steps")
class Steps(MethodView):
    @blp.arguments(NewStep())
    @blp.response(200, EventOut, headers=HEADERS)
    @blp.alt_response(403, **PROBLEMS[403])
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(409, **PROBLEMS[409])
    @blp.alt_response(412, **PROBLEMS[412])
    @blp.alt_response(422, **PROBLEMS[422])
    @idempotent
    def post(self, body, event_id):
        """Take a step: preprocess, assess, escalate, dispatch, resolve, return or verify.

        A step the workflow does not allow now is a 409 saying why. With `If-Match`, the step
        is taken only if the event is still at that version (412 otherwise).
        """
        store, projections = get_store(), get_projections()
        moved = events.add_step(store, current_caller(), event_id, **body,
                                version=if_match_version(), clock=get_clock(),
                                policy=get_policy(),
                                route=lambda state: analysis.route(store, projections, state))
        return with_etag(moved)


@blp.route("/<event_id>/route")
class EventRoute(MethodView):
    @blp.response(200, Suggestion)
    @blp.alt_response(404, **PROBLEMS[404])
    def get(self, event_id):
        """Where the event should go from where it is now, from the escalation analysis."""
        store = get_store()
        return events.suggest(store, current_caller(), event_id,
                              lambda state: analysis.route(store, get_projections(), state))
