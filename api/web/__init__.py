"""The web page at ``/``: one HTML file, a script and a style sheet, served from the package.

Nothing is fetched from the internet and nothing is built: the page is plain modern
JavaScript that calls the API with the token the user signs in with (kept in the tab's
session storage). Charts and graphs are drawn as SVG by the script itself.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, send_from_directory

STATIC = Path(__file__).parent / "static"

bp = Blueprint("web", __name__)


@bp.route("/")
def index():
    return send_from_directory(STATIC, "index.html", max_age=0)


@bp.route("/web/<path:filename>")
def asset(filename: str):
    return send_from_directory(STATIC, filename, max_age=300)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
