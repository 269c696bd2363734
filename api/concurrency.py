"""``ETag``/``If-Match`` for editable resources and ``Idempotency-Key`` for POSTs.

The version in an ETag is checked inside the write query (412 when stale). A POST sent again
with the same Idempotency-Key by the same token replays the first answer instead of acting
twice; the key is stored with the change's audit record, in the same transaction.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re

from flask import g, jsonify, request

from orggraph import audit
from orggraph.errors import Conflict, InvalidInput, PreconditionFailed, PreconditionRequired

from .db import get_store

_ETAG = re.compile(r'^\s*(?:W/)?"v(\d+)"\s*$')
STATUS_OF_ACTION = {"create": 201, "add_project": 201, "create_batch": 201}


def etag(version: int) -> str:
    return f'"v{version}"'


def if_match_version() -> int | None:
    """The version the client saw, from If-Match; None when absent or ``*``."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    m = _ETAG.match(header)
    if not m:
        raise PreconditionFailed(f"If-Match {header!r} is not an ETag this API gave out "
                                 '(they look like "v3")')
    return int(m.group(1))


def required_if_match_version() -> int | None:
    """As :func:`if_match_version`, for a change that removes a record: the caller must say
    which version it saw (or ``*`` for whatever is stored), so nothing is removed unread."""
    if "If-Match" not in request.headers:
        raise PreconditionRequired('send If-Match with the ETag you read (e.g. "v3"), or * to '
                                   "withdraw whatever version is stored")
    return if_match_version()


def with_etag(body: dict, status: int = 200):
    response = jsonify(body)
    response.status_code = status
    if "version" in body:
        response.headers["ETag"] = etag(body["version"])
    return response


def idempotent(view):
    """Replay a POST already applied under the same Idempotency-Key by the same token."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view(*args, **kwargs)
        if not 1 <= len(key) <= 200 or not key.isprintable():
            raise InvalidInput("Idempotency-Key must be 1-200 printable characters",
                               errors={"Idempotency-Key": ["e.g. a UUID"]})
        digest = hashlib.sha256(request.method.encode() + request.path.encode()
                                + request.get_data()).hexdigest()
        done = audit.replay(get_store(), g.caller, key)
        if done is not None:
            return _replayed(done, digest)
        g.caller = dataclasses.replace(g.caller, idempotency_key=key, request_hash=digest)
        try:
            return view(*args, **kwargs)
        except Conflict:
            # The same request sent twice at once: the key is unique, so the second one's
            # change was refused; it gets the answer the first one recorded.
            done = audit.replay(get_store(), g.caller, key)
            if done is None:
                raise
            return _replayed(done, digest)

    return wrapper


def _replayed(done: dict, digest: str):
    if done["request_hash"] != digest:
        raise InvalidInput("this Idempotency-Key was used for a different request",
                           errors={"Idempotency-Key": ["use a new key per request"]})
    response = with_etag(done["answer"], STATUS_OF_ACTION.get(done["action"], 200))
    response.headers["Idempotent-Replayed"] = "true"
    return response
