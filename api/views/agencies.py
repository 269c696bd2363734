"""Agencies and what they are competent for."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import agencies
from orggraph.model import CATEGORIES

from ..auth import current_caller
from ..db import get_store
from ..export import page_or_file
from ..schemas import AreaRef, Exportable, PageArgs, PageSchema, area_code
from . import PROBLEMS
from .parsing import Blueprint

blp = Blueprint("agencies", __name__, url_prefix="/agencies",
                description="Government bodies and functional departments.")


class AgencyListArgs(PageArgs, Exportable):
    within = area_code("agencies serving this area")
    category = fields.String(validate=validate.OneOf(list(CATEGORIES)))
    q = fields.String(validate=validate.Length(min=1, max=100))


class AgencySchema(Schema):
    id = fields.String(required=True, metadata={"description": "unified social credit code"})
    name = fields.String(required=True)
    tier = fields.String(required=True)
    kind = fields.String()
    jurisdiction = fields.Nested(AreaRef, required=True)
    categories = fields.List(fields.String(), required=True)


class AgencyPage(PageSchema):
    items = fields.List(fields.Nested(AgencySchema), required=True)


@blp.route("")
class AgencyList(MethodView):
    @blp.arguments(AgencyListArgs(), location="query", as_kwargs=True)
    @blp.response(200, AgencyPage)
    @blp.alt_response(422, **PROBLEMS[422])
    def get(self, page, page_size, format, **filters):
        """List agencies serving an area, by category or name (JSON, or the whole list as
        CSV or XLSX)."""
        return page_or_file(
            lambda p: agencies.list_agencies(get_store(), current_caller(), p, **filters),
            page, page_size, format, ["id", "name", "tier", "kind", "jurisdiction.code",
                                      "jurisdiction.name", "categories"], "agencies")
