"""Every error leaves as application/problem+json (RFC 9457), mapped here and only here."""

from __future__ import annotations

import logging

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from orggraph import events, rosters
from orggraph.errors import OrggraphError, Unavailable

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, errors: dict | None = None,
            headers: dict | None = None, extra: dict | None = None):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    body.update(extra or {})
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def _not_json_hint(messages: dict) -> str:
    """When a JSON body was looked for and a body of another type came, its fields read as
    missing; say why."""
    if "json" not in messages or not request.content_length or request.is_json:
        return ""
    return (f"; the body was sent as {request.mimetype or 'no Content-Type'}: send it as "
            "JSON with Content-Type: application/json")


def _routing_detail(e: HTTPException, allow: list[str] | None) -> str:
    """Werkzeug's routing answers, said with where to look: its stock text ("If you entered
    the URL manually…") tells an integrator neither what exists nor what a path takes."""
    if e.code == 404 and request.url_rule is None:
        return (f"no endpoint {request.path}; the API's endpoints are listed at /api/v1/docs "
                "and in /api/v1/openapi.json")
    if e.code == 405 and allow:
        return f"{request.method} is not allowed on {request.path}; it takes {', '.join(allow)}"
    return e.description or e.name


def _flatten(messages: dict) -> dict[str, list[str]]:
    """webargs nests messages by location (``{"query": {"tier": [...]}}``) and marshmallow by
    field and list index; people want paths (``events.3.category``)."""
    out: dict[str, list[str]] = {}
    for location, fields in messages.items():
        if not isinstance(fields, dict):
            out[location] = fields if isinstance(fields, list) else [str(fields)]
            continue
        _paths(fields, "", out)
    return out


def _paths(messages: dict, prefix: str, out: dict[str, list[str]]) -> None:
    for key, msgs in messages.items():
        path = f"{prefix}{key}"
        if isinstance(msgs, dict):
            _paths(msgs, f"{path}.", out)
        else:
            out[path] = msgs if isinstance(msgs, list) else [str(msgs)]


def init_app(app: Flask) -> None:
    @app.errorhandler(OrggraphError)
    def domain_error(e: OrggraphError):
        headers = {"Retry-After": str(e.retry_after)} if isinstance(e, Unavailable) else None
        return problem(e.status, e.title, e.detail, e.errors, headers, e.extra)

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException):
        data = getattr(e, "data", None) or {}
        messages = data.get("messages")
        if e.code == 422 and messages:
            errors = _flatten(messages)
            fields = ", ".join(sorted(errors))
            return problem(422, "Invalid input",
                           f"check these parameters: {fields}{_not_json_hint(messages)}", errors)
        if e.code == 400 and messages:  # webargs: a body that does not parse as JSON
            cause = getattr(e, "exc", None)  # the decoder's error: where the body breaks
            where = f" ({cause})" if cause else ""
            return problem(400, "Bad Request", f"the body is not valid JSON{where}; send a "
                           "JSON object with Content-Type: application/json", _flatten(messages))
        if e.code == 413:
            return problem(413, "Content too large", f"the body is larger than "
                           f"{current_app.config['MAX_CONTENT_LENGTH'] // 2**20} MB; send less "
                           f"at a time (a batch holds up to {events.MAX_BATCH:,} events, a "
                           f"roster file up to {rosters.MAX_BYTES // 2**20} MB)")
        allow = getattr(e, "valid_methods", None)
        return problem(e.code or 500, e.name, _routing_detail(e, allow),
                       headers={"Allow": ", ".join(allow)} if allow else None)

    @app.errorhandler(Exception)
    def unexpected(e: Exception):
        log.exception("unhandled error")
        return problem(500, "Internal error", "the server failed; the error was logged")
