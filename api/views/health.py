"""Liveness and the database's reachability."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..db import get_store

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
