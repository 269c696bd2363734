"""HTTP hygiene: security headers on every response, CORS for an allow-list of origins, and a
bound on request bodies.

Browsers may call the API from the origins in ``ORGGRAPH_CORS_ORIGINS`` (comma-separated, e.g.
``https://app.putian.example``); any other origin gets no CORS headers, so the browser refuses
to hand it the answer, and its preflight is a 403. The web page itself is same-origin.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.wsgi import LimitedStream, get_content_length

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


# The largest body the API reads (werkzeug answers 413 past it): a roster file of 20 MB
# (orggraph.rosters.MAX_BYTES) with its form around it, or a batch of 5,000 events of 500
# characters.
# Without it, a body of any size was read into a worker's memory.
MAX_BODY_BYTES = 24 * 2**20
# gunicorn drains up to this much of a body the app left unread before it serves the next
# request on the connection; past it, it closes the connection it has just said it keeps.
SERVER_DRAINS_BYTES = 64 * 2**10


def init_app(app: Flask) -> None:
    origins = frozenset(app.config["ORGGRAPH_SETTINGS"].cors_origins)
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default: no bound
        app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    @app.before_request
    def preflight():
        if request.method != "OPTIONS" or "Access-Control-Request-Method" not in request.headers:
            return None
        origin = request.headers.get("Origin")
        if origin not in origins:
            return problem(403, "Forbidden", f"origin {origin!r} is not allowed to call this "
                           "API from a browser (ORGGRAPH_CORS_ORIGINS)")
        return "", 204, {"Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
                         "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                         "Access-Control-Max-Age": "600"}

    # The interactive docs page starts itself with an inline script.
    docs = f"{app.config['OPENAPI_URL_PREFIX']}/{app.config['OPENAPI_SWAGGER_UI_PATH']}"
    app.wsgi_app = SecurityHeaders(app.wsgi_app, origins, docs)
    app.wsgi_app = DrainedBodies(app.wsgi_app, app.config["MAX_CONTENT_LENGTH"])


class SecurityHeaders:
    """WSGI middleware adding the security (and CORS) headers to every answer the app gives,
    error pages included, unless the view set them. Done on the raw header list: werkzeug's
    header object checks each header added, which as an ``after_request`` hook took about 7 %
    of a lookup's Python time in the app (profiled)."""

    def __init__(self, wsgi_app, origins: frozenset[str], docs_path: str):
        self.wsgi_app = wsgi_app
        self.origins = origins
        self.docs_path = docs_path

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers.extend((name, value) for key, name, value in SECURITY_HEADERS
                           if key not in present)
            path = environ.get("PATH_INFO", "")
            if "content-security-policy" not in present:
                headers.append(("Content-Security-Policy",
                                CSP_DOCS if path == self.docs_path else CSP))
            if "cache-control" not in present and path.startswith("/api/"):
                # Answers carry personal data and depend on the token: never store them.
                headers.append(("Cache-Control", "no-store"))
            origin = environ.get("HTTP_ORIGIN")
            if origin and origin in self.origins:
                headers += [("Access-Control-Allow-Origin", origin),
                            ("Access-Control-Expose-Headers", EXPOSED_HEADERS),
                            ("Vary", "Origin")]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


class DrainedBodies:
    """WSGI middleware reading the rest of a body the app answered without (a 401, a 428 or a
    404 comes before the body is read), so that the client's kept-alive connection stays
    usable: gunicorn would close it, and the client's next request on it would fail with the
    connection reset. Bodies within gunicorn's own drain, or too large to take at all (413),
    are left to gunicorn."""

    def __init__(self, wsgi_app, max_bytes: int):
        self.wsgi_app = wsgi_app
        self.max_bytes = max_bytes

    def __call__(self, environ, start_response):
        length = get_content_length(environ) or 0
        if not SERVER_DRAINS_BYTES < length <= self.max_bytes:
            return self.wsgi_app(environ, start_response)
        # Bounded by the length, as a server's raw socket may be what wsgi.input is.
        body = environ["wsgi.input"] = LimitedStream(environ["wsgi.input"], length)
        answer = self.wsgi_app(environ, start_response)
        body.exhaust()
        return answer
