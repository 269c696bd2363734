"""Analyses: coverage gaps, understaffed grids, reachability, the escalation path."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import analysis
from orggraph.analyses.coverage import GAP_KINDS
from orggraph.model import CATEGORIES

from ..auth import current_caller
from ..db import get_projections, get_store
from ..export import file_response
from ..schemas import Exportable, PageArgs, area_code
from . import PROBLEMS
from .parsing import Blueprint

blp = Blueprint("analyses", __name__, url_prefix="",
                description="Where the network is thin, and how an event reaches a department.")


class Within(Schema):
    within = area_code("only this area's subtree")


WITHOUT = fields.String(data_key="without", validate=validate.Length(min=3, max=100),
                        metadata={"description": "what if: person:<id> or agency:<id> were gone"})


class GapArgs(Within, PageArgs, Exportable):
    kind = fields.String(validate=validate.OneOf(GAP_KINDS))
    without_ = WITHOUT
    page_size = fields.Integer(load_default=500, validate=validate.Range(min=1, max=500))


class AreaBrief(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    tier = fields.String()


class Gap(Schema):
    kind = fields.String(required=True)
    area = fields.Nested(AreaBrief, required=True)
    detail = fields.String(required=True)
    category = fields.String()
    person = fields.Dict()


class Gaps(Schema):
    summary = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    items = fields.List(fields.Nested(Gap), required=True)
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    page_size = fields.Integer(required=True)


class UnderstaffedArgs(Within, Exportable):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=5000))


class Understaffed(Schema):
    grid = fields.Nested(AreaBrief, required=True)
    residents = fields.Integer(required=True)
    staff = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    residents_per_staff = fields.Float(required=True)
    score = fields.Float(required=True)
    reasons = fields.List(fields.String(), required=True)
    findings = fields.List(fields.Dict(), required=True, metadata={
        "description": "what is missing: `kind` (no_grid_leader, overloaded, no_party_branch, "
                       "units_without_leader, no_secondee_nearby) and its figures "
                       "(residents_per_staff and norm, units); `reasons` in sentences"})


class ReachArgs(Within, Exportable):
    category = fields.String(validate=validate.OneOf(list(CATEGORIES)))


class Reach(Schema):
    community = fields.Nested(AreaBrief, required=True)
    category = fields.String(required=True)
    reachable = fields.Boolean(required=True)
    hours = fields.Float(allow_none=True)


class PathArgs(Schema):
    unit = area_code("the unit (18 digits) where the event happened", 18, required=True)
    category = fields.String(required=True, validate=validate.OneOf(list(CATEGORIES)))
    k = fields.Integer(load_default=2, validate=validate.Range(min=0, max=10),
                       metadata={"description": "alternatives to return"})
    without_ = WITHOUT


class Hop(Schema):
    from_ = fields.Dict(data_key="from", attribute="from", required=True)
    to = fields.Dict(required=True)
    kind = fields.String(required=True)
    person = fields.Dict(allow_none=True)
    expected_hours = fields.Float(required=True)


class Route(Schema):
    target = fields.Dict(required=True)
    hops = fields.List(fields.Nested(Hop), required=True)
    total_hours = fields.Float(required=True)


class Path(Route):
    unit = fields.Dict(required=True)
    category = fields.String(required=True)
    alternatives = fields.List(fields.Nested(Route), required=True)


@blp.route("/analyses/coverage-gaps")
class CoverageGaps(MethodView):
    @blp.arguments(GapArgs(), location="query", as_kwargs=True)
    @blp.response(200, Gaps)
    @blp.alt_response(403, **PROBLEMS[403])
    def get(self, page, page_size, format, **filters):
        """Coverage gaps by kind, each with what to do about it (JSON, or all of them as CSV
        or XLSX)."""
        result = analysis.gaps(get_store(), current_caller(), get_projections(), **filters)
        if format != "json":
            return file_response(result["items"], ["kind", "area.code", "area.name",
                                                   "area.tier", "category", "person.id",
                                                   "person.name", "detail"], format, "gaps")
        start = (page - 1) * page_size
        return {"summary": result["summary"], "items": result["items"][start:start + page_size],
                "total": len(result["items"]), "page": page, "page_size": page_size}


class GapMapArgs(Within):
    depth = fields.String(load_default="community",
                          validate=validate.OneOf(["district", "town", "community", "grid"]))


class GapNode(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    tier = fields.String(required=True)
    residents = fields.Integer(allow_none=True)
    gaps = fields.Integer(required=True)
    by_kind = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    children = fields.List(fields.Nested(lambda: GapNode()), required=True)


@blp.route("/analyses/gap-map")
class GapMap(MethodView):
    @blp.arguments(GapMapArgs(), location="query", as_kwargs=True)
    @blp.response(200, GapNode)
    @blp.alt_response(403, **PROBLEMS[403])
    def get(self, **args):
        """Gap counts over the tree down to `depth` (district → town → community), for a
        treemap."""
        return analysis.gap_map(get_store(), current_caller(), get_projections(), **args)


@blp.route("/analyses/understaffed-grids")
class UnderstaffedGrids(MethodView):
    @blp.arguments(UnderstaffedArgs(), location="query", as_kwargs=True)
    @blp.response(200, Understaffed(many=True))
    @blp.alt_response(403, **PROBLEMS[403])
    def get(self, format, **args):
        """Grids ranked worst first, with reasons (score: docs/analyses.md; JSON, CSV or
        XLSX)."""
        rows = analysis.understaffed(get_store(), current_caller(), get_projections(), **args)
        if format != "json":
            return file_response(rows, ["grid.code", "grid.name", "residents",
                                        "staff.grid_leaders", "staff.unit_leaders",
                                        "staff.secondees", "residents_per_staff", "score",
                                        "reasons"], format, "understaffed-grids")
        return rows


@blp.route("/analyses/reachability")
class Reachability(MethodView):
    @blp.arguments(ReachArgs(), location="query", as_kwargs=True)
    @blp.response(200, Reach(many=True))
    @blp.alt_response(403, **PROBLEMS[403])
    def get(self, format, **args):
        """Community x category: can it reach a competent department, in how many hours
        (JSON, CSV or XLSX)."""
        rows = analysis.reachable(get_store(), current_caller(), get_projections(), **args)
        if format != "json":
            return file_response(rows, ["community.code", "community.name", "category",
                                        "reachable", "hours"], format, "reachability")
        return rows


class Critical(Schema):
    person = fields.Dict(required=True)
    communities_cut_off = fields.Integer(required=True)
    examples = fields.List(fields.Dict(), required=True)


@blp.route("/analyses/critical-people")
class CriticalPeople(MethodView):
    @blp.arguments(Within(), location="query", as_kwargs=True)
    @blp.response(200, Critical(many=True))
    @blp.alt_response(403, **PROBLEMS[403])
    def get(self, **args):
        """People whose absence would cut communities off from a competent department."""
        return analysis.critical(get_store(), current_caller(), get_projections(), **args)


class RecommendArgs(Within):
    secondees = fields.Integer(load_default=10, validate=validate.Range(min=0, max=1000),
                               metadata={"description": "new secondees to place"})
    per_grid = fields.Integer(load_default=1, validate=validate.Range(min=1, max=20),
                              metadata={"description": "at most this many in one grid"})


class Recommendations(Schema):
    pairings = fields.List(fields.Dict(), required=True)
    secondees = fields.List(fields.Dict(), required=True)


@blp.route("/analyses/recommendations")
class Recommend(MethodView):
    @blp.arguments(RecommendArgs(), location="query", as_kwargs=True)
    @blp.response(200, Recommendations)
    @blp.alt_response(403, **PROBLEMS[403])
    def get(self, **args):
        """Pairings for unpaired communities and placements for new secondees, with reasons."""
        return analysis.recommendations(get_store(), current_caller(), get_projections(), **args)


@blp.route("/escalation-path")
class EscalationPath(MethodView):
    @blp.arguments(PathArgs(), location="query", as_kwargs=True)
    @blp.response(200, Path)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(403, **PROBLEMS[403])
    def get(self, **args):
        """The quickest way from a unit to a competent department, hop by hop."""
        return analysis.escalate(get_store(), current_caller(), get_projections(), **args)
