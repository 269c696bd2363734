"""HTTP hygiene: security headers on every response, and CORS for an allow-list of origins.

Browsers may call the API from the origins in ``ORGGRAPH_CORS_ORIGINS`` (comma-separated, e.g.
``https://app.putian.example``); any other origin gets no CORS headers, so the browser refuses
to hand it the answer, and its preflight is a 403. The web page itself is same-origin.
"""

from __future__ import annotations

from flask import Flask, request

from .errors import problem

ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, Idempotency-Key"
EXPOSED_HEADERS = "ETag, Retry-After, Idempotent-Replayed, Content-Disposition"
# The page and the API load nothing from elsewhere. Inline styles are allowed for SVG charts;
# the interactive docs page (Swagger UI) starts itself with an inline script.
CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
       "form-action 'self'")
CSP_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
# Set on every answer unless the view set them: (lower-case name, name, value).
SECURITY_HEADERS = [(name.lower(), name, value) for name, value in (
    ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"))]


def init_app(app: Flask) -> None:
    origins = frozenset(app.config["ORGGRAPH_SETTINGS"].cors_origins)

    @app.before_request
    def preflight():
        if request.method != "OPTIONS" or "Access-Control-Request-Method" not in request.headers:
            return None
        origin = request.headers.get("Origin")
        if origin not in origins:
            return problem(403, "Forbidden", f"origin {origin!r} is not allowed to call this "
                           "API from a browser (ORGGRAPH_CORS_ORIGINS)")
        return "", 204, {"Access-Control-Allow-Methods": "GET, POST, PUT, OPTIONS",
                         "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                         "Access-Control-Max-Age": "600"}

    @app.after_request
    def headers(response):
        # One pass over what the view set, then plain appends: werkzeug's per-header
        # setdefault raises and catches a KeyError for each header missing, a tenth of a
        # lookup's time in the app.
        h = response.headers
        present = {name.lower() for name in h.keys()}
        missing = [(name, value) for key, name, value in SECURITY_HEADERS if key not in present]
        if "content-security-policy" not in present:
            missing.append(("Content-Security-Policy", CSP_DOCS if request.endpoint ==
                            "api-docs.openapi_swagger_ui" else CSP))
        if "cache-control" not in present and request.path.startswith("/api/"):
            # Answers carry personal data and depend on the token: never store them.
            missing.append(("Cache-Control", "no-store"))
        origin = request.environ.get("HTTP_ORIGIN")
        if origin and origin in origins:
            missing += [("Access-Control-Allow-Origin", origin),
                        ("Access-Control-Expose-Headers", EXPOSED_HEADERS), ("Vary", "Origin")]
        h.extend(missing)
        return response
