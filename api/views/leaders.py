"""Leaders of units and grids, secretaries of Party orgs, with their history."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import leaders

from ..auth import current_caller
from ..db import get_store
from ..schemas import Day, PersonRef
from . import PROBLEMS
from .parsing import Blueprint

blp = Blueprint("leaders", __name__, url_prefix="",
                description="Unit and grid leaders, Party org secretaries, with history.")


class NewHolder(Schema):
    person_id = fields.String(validate=validate.Length(min=1, max=64))
    name = fields.String(validate=validate.Length(min=1, max=50))
    phone = fields.String(validate=validate.Regexp(
        r"^[0-9+\- ]{5,20}$", error="5 to 20 digits, spaces, '+' or '-' (e.g. 0594-2345678)"))
    since = Day(required=True)


class Holder(Schema):
    person = fields.Nested(PersonRef, required=True)
    role = fields.String(required=True)
    since = fields.String(required=True)
    until = fields.String(allow_none=True)


class Replaced(Schema):
    target = fields.Dict(required=True)
    person = fields.Nested(PersonRef, required=True)
    role = fields.String(required=True)
    since = fields.String(required=True)
    previous = fields.Dict(allow_none=True)


@blp.route("/areas/<code>/leader")
class AreaLeader(MethodView):
    @blp.arguments(NewHolder())
    @blp.response(200, Replaced)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(422, **PROBLEMS[422])
    @blp.alt_response(403, **PROBLEMS[403])
    def put(self, body, code):
        """Assign or replace the leader of a unit or grid."""
        return leaders.set_area_leader(get_store(), current_caller(), code, **body)


@blp.route("/areas/<code>/leaders/history")
class AreaLeaderHistory(MethodView):
    @blp.response(200, Holder(many=True))
    @blp.alt_response(404, **PROBLEMS[404])
    def get(self, code):
        """Everyone who has led this area, newest first."""
        return leaders.leader_history(get_store(), current_caller(), code=code)


@blp.route("/party-orgs/<org_id>/secretary")
class Secretary(MethodView):
    @blp.arguments(NewHolder())
    @blp.response(200, Replaced)
    @blp.alt_response(404, **PROBLEMS[404])
    @blp.alt_response(422, **PROBLEMS[422])
    @blp.alt_response(403, **PROBLEMS[403])
    def put(self, body, org_id):
        """Assign or replace the secretary of a Party org."""
        return leaders.set_secretary(get_store(), current_caller(), org_id, **body)


@blp.route("/party-orgs/<org_id>/secretaries/history")
class SecretaryHistory(MethodView):
    @blp.response(200, Holder(many=True))
    @blp.alt_response(404, **PROBLEMS[404])
    def get(self, org_id):
        """Every secretary this Party org has had, newest first."""
        return leaders.leader_history(get_store(), current_caller(), org_id=org_id)
