"""Liveness and the database's reachability."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from orggraph.areas import scope_name

from ..auth import current_caller
from ..db import get_store
from .parsing import Blueprint

blp = Blueprint("health", __name__, url_prefix="/health",
                description="Is the service up, and can it reach Neo4j?")


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    neo4j = fields.String(required=True, metadata={"example": "up"})


@blp.route("")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="Neo4j is down",
                      headers={"Retry-After": {"schema": {"type": "integer"}}})
    def get(self):
        """Service and database status (no token needed)."""
        if get_store().ping():
            return {"status": "ok", "neo4j": "up"}
        return {"status": "unavailable", "neo4j": "down"}, 503, {"Retry-After": "5"}


class Me(Schema):
    token_id = fields.String(required=True)
    role = fields.String(required=True)
    scope = fields.String(allow_none=True, metadata={"description": "the area code, or none"})
    scope_name = fields.String(allow_none=True)
    permissions = fields.List(fields.String(), required=True)


me_blp = Blueprint("me", __name__, url_prefix="/me",
                   description="Who the token is: role, scope, what it may do.")


@me_blp.route("")
class WhoAmI(MethodView):
    @me_blp.response(200, Me)
    def get(self):
        """The calling token's role, scope and permissions (for clients such as the web page)."""
        caller = current_caller()
        return {"token_id": caller.token_id, "role": caller.role, "scope": caller.scope.code,
                "scope_name": scope_name(get_store(), caller),
                "permissions": sorted(caller.permissions)}
