"""The governance tree: city, districts, towns, communities, grids and units."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import areas
from orggraph.model import TIERS

from ..auth import current_caller
from ..db import get_store
from ..export import page_or_file
from ..schemas import AreaRef, AreaSummary, Exportable, PageArgs, PageSchema, area_code
from . import PROBLEMS
from .parsing import Blueprint

blp = Blueprint("areas", __name__, url_prefix="/areas",
                description="Areas of the six tiers and their place in the tree.")


AREA_COLUMNS = ["code", "name", "tier", "kind", "residents", "parent_code"]


class ChildrenArgs(PageArgs, Exportable):
    pass


class AreaListArgs(PageArgs, Exportable):
    q = fields.String(validate=validate.Length(min=1, max=100),
                      metadata={"description": "part of a name; exact matches come first"})
    tier = fields.String(validate=validate.OneOf(TIERS))
    within = area_code("only areas in this area's subtree")


class AreaPage(PageSchema):
    items = fields.List(fields.Nested(AreaSummary), required=True)


class Person(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True)


class PartyOrg(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True)
    joint = fields.Boolean(metadata={"description": "covers this area jointly with others"})


class AreaDetail(AreaSummary):
    official_name = fields.String(allow_none=True)
    path = fields.List(fields.Nested(AreaRef), required=True)
    leaders = fields.List(fields.Nested(Person), required=True)
    party_orgs = fields.List(fields.Nested(PartyOrg), required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(),
                         metadata={"description": "areas per tier below this one"})


@blp.route("")
class AreaList(MethodView):
    @blp.arguments(AreaListArgs(), location="query", as_kwargs=True)
    @blp.response(200, AreaPage)
    @blp.alt_response(422, **PROBLEMS[422])
    def get(self, page, page_size, format, **filters):
        """List and search areas (JSON, or the whole list as CSV or XLSX)."""
        return page_or_file(
            lambda p: areas.list_areas(get_store(), p, scope=current_caller().scope, **filters),
            page, page_size, format, AREA_COLUMNS, "areas")


@blp.route("/<code>")
class Area(MethodView):
    @blp.response(200, AreaDetail)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(422, **PROBLEMS[422])
    def get(self, code):
        """One area with its path, leaders and Party orgs."""
        return areas.get_area(get_store(), code, current_caller().scope)


@blp.route("/<code>/children")
class AreaChildren(MethodView):
    @blp.arguments(ChildrenArgs(), location="query", as_kwargs=True)
    @blp.response(200, AreaPage)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(422, **PROBLEMS[422])
    def get(self, code, page, page_size, format):
        """Areas one tier down (JSON, or all of them as CSV or XLSX)."""
        return page_or_file(
            lambda p: areas.list_children(get_store(), code, p, current_caller().scope),
            page, page_size, format, AREA_COLUMNS, f"areas-{code}")
