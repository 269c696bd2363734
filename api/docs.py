"""OpenAPI extras and the interactive docs page, served from the package (no CDN)."""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, Flask, send_from_directory

DESCRIPTION = (
    "Putian's grassroots-governance network: areas of the six tiers (city, district, town, "
    "community, grid, unit), their Party organizations, agencies, pairings, secondments and "
    "analyses. Errors are application/problem+json. Lists take page and page_size (at most "
    "500) and answer {items, total, page, page_size}."
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
