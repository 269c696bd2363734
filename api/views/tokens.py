"""API tokens, for admins: made, listed and revoked inside the admin's own scope."""

from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import tokens
from orggraph.auth import DEFAULT_RATE_LIMIT, ROLES
from orggraph.paging import PageRequest

from ..auth import current_caller
from ..concurrency import idempotent
from ..db import get_store
from ..schemas import PageArgs, PageSchema, area_code
from . import PROBLEMS
from .parsing import Blueprint

blp = Blueprint("tokens", __name__, url_prefix="/tokens",
                description="API tokens (admins): each has a role and an area scope.")


class TokenListArgs(PageArgs):
    role = fields.String(validate=validate.OneOf(sorted(ROLES)))
    state = fields.String(validate=validate.OneOf(tokens.STATES))


class TokenRecord(Schema):
    id = fields.String(required=True, metadata={"example": "tok_083ea7c59196"})
    role = fields.String(required=True)
    scope_code = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    person_id = fields.String(allow_none=True)
    rate_limit = fields.Integer(allow_none=True, metadata={"description": "requests a minute"})
    created_at = fields.String(required=True)
    expires_at = fields.String(allow_none=True)
    revoked_at = fields.String(allow_none=True)
    state = fields.String(validate=validate.OneOf(tokens.STATES))


class TokenPage(PageSchema):
    items = fields.List(fields.Nested(TokenRecord), required=True)


class NewToken(Schema):
    role = fields.String(required=True, validate=validate.OneOf(sorted(ROLES)))
    scope = area_code("the area whose subtree the token may see", required=True)
    name = fields.String(validate=validate.Length(min=1, max=100),
                         metadata={"description": "who or what holds it (in the audit)"})
    person_id = fields.String(validate=validate.Length(min=1, max=64))
    expires_in_days = fields.Float(load_default=365, validate=validate.Range(min=0.01, max=3650))
    rate_limit = fields.Integer(load_default=DEFAULT_RATE_LIMIT,
                                validate=validate.Range(min=1, max=1_000_000),
                                metadata={"description": "requests a minute"})


class MadeToken(TokenRecord):
    token = fields.String(metadata={
        "description": "the token itself, shown in this answer only (not when the answer is "
                       "replayed for an Idempotency-Key: revoke that token and make another)"})


@blp.route("")
class TokenList(MethodView):
    @blp.arguments(TokenListArgs(), location="query", as_kwargs=True)
    @blp.response(200, TokenPage)
    @blp.alt_response(403, **PROBLEMS[403])
    def get(self, page, page_size, **filters):
        """Tokens scoped inside the caller's scope, newest first, never their secrets."""
        return tokens.list_tokens(get_store(), current_caller(), PageRequest(page, page_size),
                                  **filters)

    @blp.arguments(NewToken())
    @blp.response(201, MadeToken)
    @blp.alt_response(403, **PROBLEMS[403])
    @blp.alt_response(422, **PROBLEMS[422])
    @idempotent
    def post(self, body):
        """Make a token for an area inside the caller's scope; the answer holds it, once."""
        secret, record = tokens.create_token(get_store(), by=current_caller(), **body)
        # Every API answer is sent Cache-Control: no-store (api/hygiene.py), this one too.
        response = jsonify({**record, "state": "active", "token": secret})
        response.status_code = 201
        return response


@blp.route("/<token_id>/revoke")
class TokenRevoke(MethodView):
    @blp.response(200, TokenRecord)
    @blp.alt_response(403, **PROBLEMS[403])
    @blp.alt_response(404, **PROBLEMS[404])
    def post(self, token_id):
        """Revoke a token (again: nothing changes); it stops working within seconds."""
        record, _ = tokens.revoke_token(get_store(), token_id, by=current_caller())
        return record
