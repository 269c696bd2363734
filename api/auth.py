"""Bearer tokens on every request but the public ones; a per-token rate limit.

Verified tokens are cached for a few seconds per process, so a lookup costs one database round
trip rather than two; a revoked token stops working within ``TOKEN_CACHE_SECONDS``.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from flask import Flask, current_app, g, request

from orggraph import tokens
from orggraph.auth import Caller

from .db import get_store
from .errors import problem

TOKEN_CACHE_SECONDS = 10.0
RATE_WINDOW_SECONDS = 60.0
PUBLIC_ENDPOINTS = {"health.Health", "api-docs.openapi_json", "api-docs.openapi_swagger_ui",
                    "docs_assets.asset", "static", "web.index", "web.asset", "open311.Services",
                    "open311.ServiceDefinition"}


class Gate:
    """Per-app state: the token cache and the rate-limit windows."""

    def __init__(self):
        self.lock = threading.Lock()
        self.cache: dict[str, tuple[float, Caller | None]] = {}
        self.windows: dict[str, deque] = {}

    def caller(self, presented: str) -> Caller | None:
        now = time.monotonic()
        with self.lock:
            hit = self.cache.get(presented)
        if hit and now - hit[0] < TOKEN_CACHE_SECONDS:
            return hit[1]
        who = tokens.authenticate(get_store(), presented)
        with self.lock:
            if len(self.cache) > 10_000:
                self.cache.clear()
            self.cache[presented] = (now, who)
        return who

    def admit(self, caller: Caller) -> float | None:
        """None if the request may go on, else the seconds to wait."""
        now = time.monotonic()
        with self.lock:
            window = self.windows.setdefault(caller.token_id, deque())
            while window and now - window[0] > RATE_WINDOW_SECONDS:
                window.popleft()
            if len(window) >= caller.rate_limit:
                return max(1.0, RATE_WINDOW_SECONDS - (now - window[0]))
            window.append(now)
        return None


def current_caller() -> Caller:
    return g.caller


def init_app(app: Flask) -> None:
    app.extensions["orggraph.gate"] = Gate()

    @app.before_request
    def authenticate():
        if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
            return None
        header = request.headers.get("Authorization", "")
        if not header and request.blueprint == "open311" and request.values.get("api_key"):
            header = "Bearer " + request.values["api_key"]  # GeoReport v2 passes the key so
        scheme, _, presented = header.partition(" ")
        if scheme.lower() != "bearer" or not presented.strip():
            return _unauthorized("send Authorization: Bearer <token>; ask an administrator "
                                 "for one (orggraph token create)")
        gate: Gate = current_app.extensions["orggraph.gate"]
        caller = gate.caller(presented.strip())
        if caller is None:
            return _unauthorized("the token is unknown, revoked or expired")
        wait = gate.admit(caller)
        if wait is not None:
            return problem(429, "Too many requests",
                           f"this token may make {caller.rate_limit} requests a minute",
                           headers={"Retry-After": str(int(wait + 0.999))})
        g.caller = caller
        return None


def _unauthorized(detail: str):
    return problem(401, "Unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})
