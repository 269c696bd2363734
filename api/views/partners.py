"""Linkages (挂钩联系) and secondments (下沉): create, end, list as of a date."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import linkages, secondments
from orggraph.model import SECONDMENT_ROLES

from ..auth import current_caller
from ..concurrency import idempotent, if_match_version, required_if_match_version, with_etag
from ..db import get_store
from ..export import page_or_file
from ..schemas import AreaRef, Day, Exportable, PageArgs, PageSchema, area_code, iso_active_on
from . import IF_MATCH_REQUIRED, PROBLEMS
from .parsing import Blueprint

linkage_blp = Blueprint("linkages", __name__, url_prefix="/linkages",
                        description="Agencies keeping contact with communities and towns.")
secondment_blp = Blueprint("secondments", __name__, url_prefix="/secondments",
                           description="People sunk down to communities and grids.")

ID = fields.String(validate=validate.Length(min=1, max=64))


class Ref(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    tier = fields.String()
    # A person may have no phone on record (a deputy added by hand, a roster without one).
    phone = fields.String(allow_none=True,
                          metadata={"description": "personal data: not shown to readers; "
                                                   "null when none is on record"})


class EndArgs(Schema):
    until = Day(required=True)


class LinkageArgs(PageArgs, Exportable):
    agency = ID
    area = area_code("the community or town")
    within = area_code("only areas in this subtree")
    active_on = Day()


class LinkageSchema(Schema):
    id = fields.String(required=True)
    version = fields.Integer(required=True)
    agency = fields.Nested(Ref, required=True)
    area = fields.Nested(AreaRef, required=True)
    since = fields.String(required=True)
    until = fields.String(allow_none=True)


class LinkagePage(PageSchema):
    items = fields.List(fields.Nested(LinkageSchema), required=True)


class NewLinkage(Schema):
    agency_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    area_code = area_code("a community or town", required=True)
    since = Day(required=True)
    until = Day(allow_none=True)


class SecondmentArgs(PageArgs, Exportable):
    within = area_code("only areas in this subtree")
    role = fields.String(validate=validate.OneOf(list(SECONDMENT_ROLES)))
    person = ID
    active_on = Day()


class SecondmentSchema(Schema):
    id = fields.String(required=True)
    version = fields.Integer(required=True)
    role = fields.String(required=True)
    person = fields.Nested(Ref, required=True)
    agency = fields.Nested(Ref, allow_none=True)
    area = fields.Nested(AreaRef, required=True)
    since = fields.String(required=True)
    until = fields.String(allow_none=True)


class SecondmentPage(PageSchema):
    items = fields.List(fields.Nested(SecondmentSchema), required=True)


class NewSecondment(Schema):
    person_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    area_code = area_code("a community or grid", required=True)
    role = fields.String(required=True, validate=validate.OneOf(list(SECONDMENT_ROLES)))
    agency_id = fields.String(allow_none=True, validate=validate.Length(min=1, max=64))
    since = Day(required=True)
    until = Day(allow_none=True)


@linkage_blp.route("")
class LinkageList(MethodView):
    @linkage_blp.arguments(LinkageArgs(), location="query", as_kwargs=True)
    @linkage_blp.response(200, LinkagePage)
    @linkage_blp.alt_response(422, **PROBLEMS[422])
    def get(self, page, page_size, format, **filters):
        """List linkages (JSON, or the whole list as CSV or XLSX)."""
        filters = iso_active_on(filters)
        return page_or_file(
            lambda p: linkages.list_linkages(get_store(), current_caller(), p, **filters),
            page, page_size, format, ["id", "agency.id", "agency.name", "area.code",
                                      "area.name", "since", "until"], "linkages")

    @linkage_blp.arguments(NewLinkage())
    @linkage_blp.response(201, LinkageSchema)
    @linkage_blp.alt_response(409, **PROBLEMS[409])
    @linkage_blp.alt_response(422, **PROBLEMS[422])
    @linkage_blp.alt_response(403, **PROBLEMS[403])
    @idempotent
    def post(self, body):
        """Link an agency with a community or town."""
        return with_etag(linkages.create_linkage(get_store(), current_caller(), **body), 201)


@linkage_blp.route("/<lid>")
class Linkage(MethodView):
    @linkage_blp.response(200, LinkageSchema)
    @linkage_blp.alt_response(404, **PROBLEMS[404])
    def get(self, lid):
        """One linkage (its ETag is what ending it asks for in If-Match)."""
        return with_etag(linkages.get_linkage(get_store(), current_caller(), lid))

    @linkage_blp.doc(**IF_MATCH_REQUIRED)
    @linkage_blp.response(204)
    @linkage_blp.alt_response(404, **PROBLEMS[404])
    @linkage_blp.alt_response(412, **PROBLEMS[412])
    @linkage_blp.alt_response(428, **PROBLEMS[428])
    def delete(self, lid):
        """Withdraw a linkage entered in error (the audit record keeps it); end one that held."""
        linkages.withdraw_linkage(get_store(), current_caller(), lid,
                                  version=required_if_match_version())


@linkage_blp.route("/<lid>/end")
class LinkageEnd(MethodView):
    @linkage_blp.arguments(EndArgs())
    @linkage_blp.response(200, LinkageSchema)
    @linkage_blp.alt_response(404, **PROBLEMS[404])
    @linkage_blp.alt_response(409, **PROBLEMS[409])
    @linkage_blp.alt_response(412, **PROBLEMS[412])
    @idempotent
    def post(self, body, lid):
        """End a linkage (history stays)."""
        return with_etag(linkages.end_linkage(get_store(), current_caller(), lid,
                                              body["until"], version=if_match_version()))


@secondment_blp.route("")
class SecondmentList(MethodView):
    @secondment_blp.arguments(SecondmentArgs(), location="query", as_kwargs=True)
    @secondment_blp.response(200, SecondmentPage)
    @secondment_blp.alt_response(422, **PROBLEMS[422])
    def get(self, page, page_size, format, **filters):
        """List secondments (JSON, or the whole list as CSV or XLSX)."""
        filters = iso_active_on(filters)
        return page_or_file(
            lambda p: secondments.list_secondments(get_store(), current_caller(), p,
                                                   **filters),
            page, page_size, format, ["id", "person.id", "person.name", "role", "agency.id",
                                      "agency.name", "area.code", "area.name", "since",
                                      "until"], "secondments")

    @secondment_blp.arguments(NewSecondment())
    @secondment_blp.response(201, SecondmentSchema)
    @secondment_blp.alt_response(409, **PROBLEMS[409])
    @secondment_blp.alt_response(422, **PROBLEMS[422])
    @secondment_blp.alt_response(403, **PROBLEMS[403])
    @idempotent
    def post(self, body):
        """Second a person to a community or grid."""
        created = secondments.create_secondment(get_store(), current_caller(), **body)
        return with_etag(created, 201)


@secondment_blp.route("/<sid>")
class Secondment(MethodView):
    @secondment_blp.response(200, SecondmentSchema)
    @secondment_blp.alt_response(404, **PROBLEMS[404])
    def get(self, sid):
        """One secondment."""
        return with_etag(secondments.get_secondment(get_store(), current_caller(), sid))

    @secondment_blp.doc(**IF_MATCH_REQUIRED)
    @secondment_blp.response(204)
    @secondment_blp.alt_response(404, **PROBLEMS[404])
    @secondment_blp.alt_response(412, **PROBLEMS[412])
    @secondment_blp.alt_response(428, **PROBLEMS[428])
    def delete(self, sid):
        """Withdraw a secondment entered in error (the person stays; the audit record keeps
        it); end one that held."""
        secondments.withdraw_secondment(get_store(), current_caller(), sid,
                                        version=required_if_match_version())


@secondment_blp.route("/<sid>/end")
class SecondmentEnd(MethodView):
    @secondment_blp.arguments(EndArgs())
    @secondment_blp.response(200, SecondmentSchema)
    @secondment_blp.alt_response(404, **PROBLEMS[404])
    @secondment_blp.alt_response(409, **PROBLEMS[409])
    @secondment_blp.alt_response(412, **PROBLEMS[412])
    @idempotent
    def post(self, body, sid):
        """End a secondment (history stays)."""
        return with_etag(secondments.end_secondment(get_store(), current_caller(), sid,
                                                     body["until"], version=if_match_version()))
