"""Event statistics, and unit leaders' points and monthly ranking (五星单元长光荣榜)."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import stats
from orggraph.model import CATEGORIES

from ..auth import current_caller
from ..db import get_clock, get_rankings, get_store
from ..export import page_or_file
from ..schemas import CodeRef, Day, Exportable, PageArgs, PageSchema, PersonRef, area_code
from . import PROBLEMS
from .parsing import Blueprint

blp = Blueprint("stats", __name__, url_prefix="",
                description="Event statistics; unit leaders' points and honour roll.")

MONTH = fields.String(validate=validate.Regexp(stats.MONTH_PATTERN,
                                               error="a month, YYYY-MM (e.g. 2022-05)"),
                      metadata={"description": "YYYY-MM (default: this month)"})


class StatsArgs(Schema):
    within = area_code("only events of units in this area's subtree")
    from_ = Day(data_key="from", metadata={"description": "collected on or after"})
    to = Day(metadata={"description": "collected on or before"})
    category = fields.String(validate=validate.OneOf(list(CATEGORIES)))


class Counts(Schema):
    collected = fields.Integer(required=True)
    closed = fields.Integer(required=True)
    closure_rate = fields.Float(allow_none=True)
    resolved_at = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    grassroots_share = fields.Float(allow_none=True, metadata={
        "description": "share of closed events resolved at community level or below"})
    overdue_steps = fields.Integer(required=True)


class MonthCounts(Counts):
    month = fields.String(required=True)


class EventStats(Counts):
    by_category = fields.Dict(keys=fields.String(), values=fields.Nested(Counts))
    by_month = fields.List(fields.Nested(MonthCounts))


class RankingArgs(PageArgs, Exportable):
    within = area_code("only leaders of units in this area's subtree")
    month = MONTH
    stars = fields.Integer(load_default=0, validate=validate.Range(min=0, max=5),
                           metadata={"description": "only leaders with at least this many "
                                                    "stars (5: the honour roll)"})
    snapshot = fields.String(validate=validate.Length(max=64), metadata={
        "description": "the `snapshot` of an earlier page: this page of the same ranking, as "
                       "it stood then, while the server keeps it (else the ranking as it "
                       "stands, with a `snapshot` of its own)"})


class Ranked(Schema):
    rank = fields.Integer(required=True)
    person = fields.Nested(PersonRef, required=True)
    unit = fields.Nested(CodeRef, required=True)
    points = fields.Integer(required=True)
    stars = fields.Integer(required=True)


class RankingPage(PageSchema):
    month = fields.String(required=True)
    snapshot = fields.String(required=True, allow_none=True, metadata={
        "description": "names the ranking these pages are cut from; give it back as "
                       "`snapshot` for the next pages to agree with this one"})
    items = fields.List(fields.Nested(Ranked), required=True)


class PointEntry(Schema):
    event_id = fields.String(required=True)
    summary = fields.String()
    seq = fields.Integer(required=True)
    action = fields.String(required=True)
    at = fields.String(required=True)
    rule = fields.String(required=True)
    points = fields.Integer(required=True)


class Points(Schema):
    person_id = fields.String(required=True)
    month = fields.String(required=True)
    points = fields.Integer(required=True)
    entries = fields.List(fields.Nested(PointEntry), required=True)
    flagged_self_closed = fields.List(fields.String(), required=True, metadata={
        "description": "events this person reported and closed, awaiting someone else's check"})


class PointRule(Schema):
    rule = fields.String(required=True)
    name = fields.String(required=True, metadata={"description": "as the data calls it"})
    points = fields.Integer(required=True, metadata={"description": "per step; negative "
                                                                    "for a penalty"})


class StarShare(Schema):
    stars = fields.Integer(required=True)
    top_share = fields.Float(required=True, metadata={
        "description": "given down to this share of the ranked leaders with points above zero"})


class PointsRules(Schema):
    rules = fields.List(fields.Nested(PointRule), required=True)
    stars = fields.List(fields.Nested(StarShare), required=True)


class MonthArg(Schema):
    month = MONTH


@blp.route("/stats/events")
class Stats(MethodView):
    @blp.arguments(StatsArgs(), location="query", as_kwargs=True)
    @blp.response(200, EventStats)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(422, **PROBLEMS[422])
    def get(self, from_=None, to=None, **args):
        """Collected, closed, closure rate, where resolved and overdue steps; by category and
        by month too."""
        return stats.event_stats(get_store(), current_caller(), clock=get_clock(),
                                 from_=from_ and from_.isoformat(), to=to and to.isoformat(),
                                 **args)


@blp.route("/leaders/ranking")
class Ranking(MethodView):
    @blp.arguments(RankingArgs(), location="query", as_kwargs=True)
    @blp.response(200, RankingPage)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(422, **PROBLEMS[422])
    def get(self, page, page_size, stars, format, **args):
        """Unit leaders of the month ranked by points, with stars (JSON, or the whole ranking
        as CSV or XLSX)."""
        return page_or_file(
            lambda p: stats.leader_ranking(get_store(), current_caller(), p,
                                           stars_at_least=stars, clock=get_clock(),
                                           cache=get_rankings(), **args),
            page, page_size, format, ["rank", "person.id", "person.name", "unit.code",
                                      "unit.name", "points", "stars"], "ranking")


@blp.route("/leaders/points-rules")
class Rules(MethodView):
    @blp.response(200, PointsRules)
    def get(self):
        """What a step earns under each rule, and the share of leaders given each number of
        stars; the ranking and a leader's points follow these."""
        return stats.points_rules(current_caller())


@blp.route("/leaders/<person_id>/points")
class LeaderPoints(MethodView):
    @blp.arguments(MonthArg(), location="query", as_kwargs=True)
    @blp.response(200, Points)
    @blp.alt_response(422, **PROBLEMS[422])
    def get(self, person_id, month=None):
        """Every point a person earned in the month, each linked to its event."""
        return stats.leader_points(get_store(), current_caller(), person_id, month=month,
                                   clock=get_clock())
