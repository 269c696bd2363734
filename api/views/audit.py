"""The audit trail of every change."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import audit

from ..auth import current_caller
from ..db import get_store
from ..export import page_or_file
from ..schemas import Day, Exportable, PageArgs, PageSchema
from . import PROBLEMS
from .parsing import Blueprint

blp = Blueprint("audit", __name__, url_prefix="/audit",
                description="Who changed what, when, with before and after.")


class AuditArgs(PageArgs, Exportable):
    entity = fields.String(validate=validate.OneOf(
        ["pairing", "linkage", "secondment", "leader", "secretary", "token", "event"]))
    entity_id = fields.String(validate=validate.Length(min=1, max=100))
    from_ = Day(data_key="from", metadata={
        "description": "made on or after this day (China Standard Time)"})
    to = Day(metadata={"description": "made on or before this day (China Standard Time)"})


class AuditRecord(Schema):
    id = fields.String(required=True)
    at = fields.String(required=True)
    token_id = fields.String(required=True)
    person_id = fields.String(allow_none=True)
    actor = fields.String(allow_none=True)
    action = fields.String(required=True)
    entity = fields.String(required=True)
    entity_id = fields.String(required=True)
    area_code = fields.String(allow_none=True)
    before = fields.Raw(allow_none=True)
    after = fields.Raw(allow_none=True)


class AuditPage(PageSchema):
    items = fields.List(fields.Nested(AuditRecord), required=True)


@blp.route("")
class AuditList(MethodView):
    @blp.arguments(AuditArgs(), location="query", as_kwargs=True)
    @blp.response(200, AuditPage)
    @blp.alt_response(403, **PROBLEMS[403])
    def get(self, page, page_size, format, **filters):
        """Audit records in the token's scope, newest first, optionally of a window of days
        (admins and org departments; JSON, or the whole list as CSV or XLSX)."""
        return page_or_file(
            lambda p: audit.list_audit(get_store(), current_caller(), p, **filters),
            page, page_size, format, ["at", "actor", "person_id", "token_id", "action", "entity",
                                      "entity_id", "area_code", "before", "after"], "audit",
            streams=True)
