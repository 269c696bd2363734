"""Pairings (机关+社区 结对共建) and their co-building projects."""

from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from orggraph import pairings
from orggraph.paging import PageRequest

from ..auth import current_caller
from ..concurrency import idempotent, if_match_version, required_if_match_version, with_etag
from ..db import get_store
from ..export import PAIRING_COLUMNS, flat_pairing, page_or_file
from ..schemas import Day, Exportable, PageArgs, PageSchema, area_code, iso_active_on
from . import IF_MATCH_REQUIRED, PROBLEMS
from .parsing import Blueprint

blp = Blueprint("pairings", __name__, url_prefix="/pairings",
                description="Agency + community Party organization pairings, with history.")


class PairingListArgs(PageArgs, Exportable):
    agency = fields.String(validate=validate.Length(min=1, max=64),
                           metadata={"description": "agency id"})
    community = area_code("the community's code")
    within = area_code("only communities in this area's subtree")
    active_on = Day(metadata={"description": "as of this date (YYYY-MM-DD)"})


class AgencyRef(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    tier = fields.String(required=True)


class CommunityRef(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)


class ProjectSchema(Schema):
    id = fields.String(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    amount = fields.Integer(required=True, validate=validate.Range(min=0, max=10**12),
                            metadata={"description": "yuan"})
    funded_by = fields.String(required=True, validate=validate.Length(min=1, max=200))
    date = Day(required=True)


class ProjectOut(ProjectSchema):
    id = fields.String(required=True)
    date = fields.String(required=True)


class ProjectChange(Schema):
    """The fields to correct; those left out stay as they are."""

    title = fields.String(validate=validate.Length(min=1, max=200))
    amount = fields.Integer(validate=validate.Range(min=0, max=10**12),
                            metadata={"description": "yuan"})
    funded_by = fields.String(validate=validate.Length(min=1, max=200))
    date = Day()

    @validates_schema
    def _not_empty(self, data, **kwargs):
        if not data:
            raise ValidationError("send at least one of title, amount, funded_by, date")


class PairingSchema(Schema):
    id = fields.String(required=True)
    version = fields.Integer(required=True, metadata={"description": "the ETag's number"})
    agency = fields.Nested(AgencyRef, required=True)
    community = fields.Nested(CommunityRef, required=True)
    since = fields.String(required=True)
    until = fields.String(allow_none=True)
    projects = fields.List(fields.Nested(ProjectOut), required=True)


class PairingPage(PageSchema):
    items = fields.List(fields.Nested(PairingSchema), required=True)


class NewPairing(Schema):
    agency_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    community_code = area_code("the community's 12-digit code", 12, required=True)
    since = Day(required=True)
    until = Day(allow_none=True)


class EndPairing(Schema):
    until = Day(required=True)


@blp.route("")
class PairingList(MethodView):
    @blp.arguments(PairingListArgs(), location="query", as_kwargs=True)
    @blp.response(200, PairingPage)
    @blp.alt_response(422, **PROBLEMS[422])
    def get(self, page, page_size, format, **filters):
        """List pairings (as JSON, or the whole list as CSV or XLSX)."""
        filters = iso_active_on(filters)
        if format != "json":
            return page_or_file(
                lambda p: pairings.list_pairings(get_store(), current_caller(), p, **filters),
                page, page_size, format, PAIRING_COLUMNS, "pairings", row=flat_pairing)
        # The lookup other systems call most: its statement already shapes each pairing as
        # PairingPage documents it (tests/api/test_partners.py checks that they agree), and
        # dumping the page through marshmallow again cost about 1 ms of a 3 ms lookup.
        return jsonify(pairings.list_pairings(get_store(), current_caller(),
                                              PageRequest(page, page_size), **filters))

    @blp.arguments(NewPairing())
    @blp.response(201, PairingSchema, headers={"ETag": {"schema": {"type": "string"}}})
    @blp.alt_response(409, **PROBLEMS[409])
    @blp.alt_response(422, **PROBLEMS[422])
    @blp.alt_response(403, **PROBLEMS[403])
    @idempotent
    def post(self, body):
        """Pair an agency with a community."""
        created = pairings.create_pairing(get_store(), current_caller(), **body)
        return with_etag(created, 201)


@blp.route("/<pid>")
class Pairing(MethodView):
    @blp.response(200, PairingSchema, headers={"ETag": {"schema": {"type": "string"}}})
    @blp.alt_response(404, **PROBLEMS[404])
    def get(self, pid):
        """One pairing with its projects."""
        return with_etag(pairings.get_pairing(get_store(), current_caller(), pid))

    @blp.doc(**IF_MATCH_REQUIRED)
    @blp.response(204)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(412, **PROBLEMS[412])
    @blp.alt_response(428, **PROBLEMS[428])
    def delete(self, pid):
        """Withdraw a pairing entered in error, with its projects: it is removed, and the
        audit record keeps what it was. A pairing that held and is over is ended instead."""
        pairings.withdraw_pairing(get_store(), current_caller(), pid,
                                  version=required_if_match_version())


@blp.route("/<pid>/end")
class PairingEnd(MethodView):
    @blp.arguments(EndPairing())
    @blp.response(200, PairingSchema)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(409, **PROBLEMS[409])
    @blp.alt_response(412, **PROBLEMS[412])
    @blp.alt_response(422, **PROBLEMS[422])
    @idempotent
    def post(self, body, pid):
        """End a pairing; its history stays queryable (send If-Match to guard the edit)."""
        ended = pairings.end_pairing(get_store(), current_caller(), pid, body["until"],
                                     version=if_match_version())
        return with_etag(ended)


@blp.route("/<pid>/projects")
class PairingProjects(MethodView):
    @blp.arguments(ProjectSchema())
    @blp.response(201, PairingSchema)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(412, **PROBLEMS[412])
    @blp.alt_response(422, **PROBLEMS[422])
    @idempotent
    def post(self, body, pid):
        """Add a co-building project (e.g. an activity room) to a pairing."""
        after = pairings.add_project(get_store(), current_caller(), pid,
                                     version=if_match_version(), **body)
        return with_etag(after, 201)


@blp.route("/<pid>/projects/<project_id>")
class PairingProject(MethodView):
    @blp.arguments(ProjectChange())
    @blp.response(200, PairingSchema, headers={"ETag": {"schema": {"type": "string"}}})
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(412, **PROBLEMS[412])
    @blp.alt_response(422, **PROBLEMS[422])
    def patch(self, body, pid, project_id):
        """Correct a project's title, amount, funder or date (send If-Match, the pairing's
        ETag, to guard the edit); its number stays. Answers the pairing."""
        after = pairings.change_project(get_store(), current_caller(), pid, project_id,
                                        version=if_match_version(), **body)
        return with_etag(after)

    @blp.doc(**IF_MATCH_REQUIRED)
    @blp.response(200, PairingSchema, headers={"ETag": {"schema": {"type": "string"}}})
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(412, **PROBLEMS[412])
    @blp.alt_response(428, **PROBLEMS[428])
    def delete(self, pid, project_id):
        """Withdraw a project entered in error from its pairing (If-Match: the pairing's
        ETag). Answers the pairing without it; the audit record keeps it, and its number is
        not given out again."""
        after = pairings.withdraw_project(get_store(), current_caller(), pid, project_id,
                                          version=required_if_match_version())
        return with_etag(after)
