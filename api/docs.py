"""OpenAPI extras and the interactive docs page, served from the package (no CDN)."""

from __future__ import annotations

import re
from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, Flask, send_from_directory

from .auth import PUBLIC_ENDPOINTS
from .schemas import CODE_HELP, CODE_PATTERN

DESCRIPTION = (
    "Putian's grassroots-governance network: areas of the six tiers (city, district, town, "
    "community, grid, unit), their Party organizations, agencies, pairings, secondments and "
    "analyses. Errors are application/problem+json; a query parameter an endpoint does not "
    "take is refused (422), except on Open311's endpoints. Lists take page and page_size (at "
    "most 500) and answer {items, total, page, page_size}; format=csv or xlsx answers the "
    "whole filtered list as a file instead."
)
ASSETS = Path(swagger_ui_bundle.swagger_ui_path)

assets = Blueprint("docs_assets", __name__)


@assets.route("/api/v1/docs/assets/<path:filename>")
def asset(filename: str):
    return send_from_directory(ASSETS, filename, max_age=86400)


def register(app: Flask, api) -> None:
    app.register_blueprint(assets)
    api.spec.components.security_scheme(
        "bearer", {"type": "http", "scheme": "bearer", "description": "an orggraph token"})


_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_OPEN311_ERRORS = {"type": "array", "items": {"type": "object", "properties": {
    "code": {"type": "integer"}, "description": {"type": "string"}}}}


def conform(app: Flask, api) -> None:
    """Make the document say what the app does, once every blueprint is registered: errors are
    problem+json (Open311's are its own list, or problem+json when raised before its views),
    every protected operation may answer 401 and 429, every one 503, and the public ones (those
    the token check lets through) need no token."""
    public = _public_paths(app)
    responses = api.spec.components.responses
    for name in ("DEFAULT_ERROR", "UNPROCESSABLE_ENTITY"):
        if name in responses:
            responses[name]["content"] = dict(_PROBLEM)
    for path, ops in api.spec._paths.items():
        for param in ops.get("parameters", ()):
            if param.get("in") == "path" and param.get("name") == "code":
                param["schema"] = {"type": "string", "pattern": CODE_PATTERN}
                param.setdefault("description", f"an area code: {CODE_HELP}")
        for op in ops.values():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            r = op["responses"]
            if path in public:
                op["security"] = []
            else:
                r.setdefault("401", {"description": "no valid token", "content": _PROBLEM})
                r.setdefault("429", {"description": "rate limit; retry after Retry-After",
                                     "content": _PROBLEM})
            r.setdefault("503", {"description": "Neo4j cannot be reached; retry after "
                                                "Retry-After", "content": _PROBLEM})
            if any(p.get("name") == "format" for p in op.get("parameters", ())) and "200" in r:
                r["200"].setdefault("content", {}).update({
                    "text/csv": {"schema": {"type": "string"}},
                    XLSX: {"schema": {"type": "string", "format": "binary"}}})
            if "/open311/" in path:
                for code in list(r):
                    if code == "default" or (code.isdigit() and int(code) >= 400):
                        r[code] = {"description": "an error, as GeoReport lists them", "content": {
                            "application/json": {"schema": _OPEN311_ERRORS}, **_PROBLEM}}


def _public_paths(app: Flask) -> set[str]:
    """The OpenAPI paths of the endpoints :mod:`api.auth` lets through without a token."""
    return {re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            for rule in app.url_map.iter_rules() if rule.endpoint in PUBLIC_ENDPOINTS}
