"""Marshmallow schemas shared by the views: query arguments and response shapes."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from orggraph.codes import is_well_formed
from orggraph.dates import DATE_FORM
from orggraph.model import TIERS
from orggraph.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

CODE_HELP = "6 (city, district), 9 (town), 12 (community), 15 (grid) or 18 (unit) digits"
# What orggraph.codes.is_well_formed accepts, as the OpenAPI document states it for clients.
CODE_PATTERN = "^(?:[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15}|[0-9]{18})$"


def area_code(description: str = "an area code", digits: int | None = None,
              **kwargs) -> fields.String:
    """An area code argument; ``digits`` documents the one length a tier-bound field takes
    (the domain names the tier when another well-formed code comes)."""
    pattern = f"^[0-9]{{{digits}}}$" if digits else CODE_PATTERN
    return fields.String(validate=_CodeValidator(pattern),
                         metadata={"example": "350304100001", "description": description},
                         **kwargs)


class _CodeValidator(validate.Regexp):
    """A Regexp, so apispec documents the pattern; the check itself is the domain's."""

    def __call__(self, value: str) -> str:
        if not is_well_formed(value):
            raise ValidationError(f"an area code has {CODE_HELP}, e.g. 350304100001")
        return value


class Day(fields.Date):
    """A calendar day in ISO form; refused with the form it takes, since "Not a valid date."
    does not tell a caller who sent 2022-02-30 or 2022/06/20 what to send instead."""

    default_error_messages = {"invalid": f"{DATE_FORM}, that is on the calendar "
                                         "(e.g. 2022-06-20)"}


class PageArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    page_size = fields.Integer(load_default=DEFAULT_PAGE_SIZE,
                               validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class Exportable(Schema):
    format = fields.String(validate=validate.OneOf(["json", "csv", "xlsx"]), load_default="json",
                           metadata={"description": "json: one page; csv or xlsx: the whole "
                                     "list as a file, of at most 100,000 rows (a CSV of events "
                                     "or of the audit log, sent as it is read: 1,048,575)"})


def iso_active_on(filters: dict) -> dict:
    """List filters with ``active_on`` (a date, as the schemas load it) as the ISO date the
    domain's list functions take."""
    active_on = filters.get("active_on")
    return {**filters, "active_on": active_on.isoformat() if active_on else None}


class PageSchema(Schema):
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    page_size = fields.Integer(required=True)


class AreaRef(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    tier = fields.String(required=True, validate=validate.OneOf(TIERS))


class AreaSummary(AreaRef):
    kind = fields.String(allow_none=True)
    residents = fields.Integer(allow_none=True)
    parent_code = fields.String(allow_none=True)


class PersonRef(Schema):
    id = fields.String(required=True, allow_none=True)
    name = fields.String(required=True, allow_none=True)


class CodeRef(Schema):
    """An area by code and name (the tier is implied by where it appears)."""

    code = fields.String(required=True)
    name = fields.String(required=True, allow_none=True)
