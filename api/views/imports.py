"""Roster imports (CSV or XLSX): all rows valid, or nothing written."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orggraph import rosters
from orggraph.errors import InvalidInput

from ..auth import current_caller
from ..db import get_store
from . import PROBLEMS
from .parsing import Blueprint

blp = Blueprint("imports", __name__, url_prefix="/imports",
                description="Load a roster of pairings or secondments from a spreadsheet.")


class ImportForm(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(list(rosters.COLUMNS)))
    format = fields.String(validate=validate.OneOf(["csv", "xlsx"]),
                           metadata={"description": "default: from the file name"})


class ImportFile(Schema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary"})


class ImportReport(Schema):
    kind = fields.String(required=True)
    rows = fields.Integer(required=True)
    created = fields.Integer(required=True)
    unchanged = fields.Integer(required=True)


@blp.route("")
class Imports(MethodView):
    @blp.arguments(ImportForm(), location="form")
    @blp.arguments(ImportFile(), location="files")
    @blp.response(201, ImportReport)
    @blp.alt_response(422, **PROBLEMS[422])
    @blp.alt_response(403, **PROBLEMS[403])
    def post(self, form, files):
        """Import a roster; the columns are listed in the docs (docs/rosters.md)."""
        upload = files["file"]
        data = upload.read(rosters.MAX_BYTES + 1)
        if len(data) > rosters.MAX_BYTES:
            mb = rosters.MAX_BYTES // 2**20
            raise InvalidInput(f"the file is larger than {mb} MB; split it",
                               errors={"file": [f"at most {mb} MB"]})
        fmt = form.get("format") or _format_of(upload.filename or "")
        report = rosters.import_file(get_store(), current_caller(), form["kind"], data, fmt)
        return {"kind": report.kind, "rows": report.rows, "created": report.created,
                "unchanged": report.unchanged}


def _format_of(filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in ("csv", "xlsx"):
        raise InvalidInput("say format=csv or xlsx, or name the file .csv or .xlsx",
                           errors={"format": ["csv or xlsx"]})
    return ext
