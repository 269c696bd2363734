"""The HTTP API (``/api/v1``): a Flask app factory, one blueprint per resource."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from orggraph.config import Settings

from . import auth, db, docs, errors, hygiene, web
from .views import (
    agencies,
    analyses,
    areas,
    audit,
    events,
    health,
    imports,
    leaders,
    open311,
    pairings,
    partners,
    stats,
    tokens,
)

API_PREFIX = "/api/v1"
BLUEPRINTS = (health.blp, health.me_blp, areas.blp, agencies.blp, pairings.blp,
              partners.linkage_blp, partners.secondment_blp, leaders.blp, imports.blp,
              analyses.blp, audit.blp, events.blp, events.batch_blp, stats.blp,
              open311.blp, tokens.blp)


def create_app(settings: Settings | None = None, test_config: dict | None = None) -> Flask:
    """Build the app. ``settings`` defaults to the environment; the driver is made here, once."""
    app = Flask(__name__)
    app.config.update(
        API_TITLE="orggraph",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=API_PREFIX,
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL=f"{API_PREFIX}/docs/assets/",
        JSON_SORT_KEYS=False,
        ORGGRAPH_SETTINGS=settings or Settings.from_env(),
    )
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    if test_config:
        app.config.update(test_config)
    api = Api(app, spec_kwargs={"info": {"description": docs.DESCRIPTION},
                                "security": [{"bearer": []}]})
    docs.register(app, api)
    db.init_app(app)
    hygiene.init_app(app)  # before auth: a CORS preflight carries no token
    auth.init_app(app)
    for blp in BLUEPRINTS:
        api.register_blueprint(blp, url_prefix=f"{API_PREFIX}{blp.url_prefix or ''}")
    docs.conform(app, api)
    web.init_app(app)
    errors.init_app(app)  # after Api, so these handlers replace flask-smorest's
    return app
