"""One module per resource. Views parse with a schema, call one orggraph function, return."""

from marshmallow import Schema, fields


class Problem(Schema):
    type = fields.String()
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


def _problem(description: str) -> dict:
    return {"schema": Problem, "description": description,
            "content_type": "application/problem+json"}


PROBLEMS = {
    401: _problem("no valid token"),
    403: _problem("the token's role may not do this"),
    404: _problem("unknown, or outside the token's scope"),
    409: _problem("conflicts with what is stored"),
    412: _problem("If-Match names a version that is no longer current"),
    428: _problem("If-Match is required to remove a record"),
    429: _problem("too many requests for this token; retry after Retry-After seconds"),
    422: _problem("invalid parameters or body; `errors` names each field"),
    503: _problem("Neo4j cannot be reached; retry after Retry-After seconds"),
}


# The header a removal must carry (api.concurrency.required_if_match_version).
IF_MATCH_REQUIRED = {"parameters": [{
    "in": "header", "name": "If-Match", "required": True, "schema": {"type": "string"},
    "description": 'the ETag read (e.g. "v3"), or * for whatever version is stored'}]}
