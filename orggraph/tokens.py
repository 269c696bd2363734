"""API tokens: opaque, stored only as a hash, each with a role, a scope, an expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from . import codes
from .auth import (
    DEFAULT_RATE_LIMIT,
    MANAGE_TOKENS,
    ROLES,
    SYSTEM,
    Caller,
    new_token,
    token_hash,
)
from .errors import InvalidInput, NotFound
from .paging import PageRequest

# What a token is now, as lists show it (tokens/list_tokens works it out in the query).
STATES = ("active", "expired", "revoked")


def create_token(store, *, role: str, scope: str, name: str | None = None,
                 person_id: str | None = None, expires_in_days: float | None = 365,
                 rate_limit: int = DEFAULT_RATE_LIMIT, by: Caller = SYSTEM) -> tuple[str, dict]:
    """Make a token scoped to an area inside ``by``'s own scope; returns (the token itself,
    shown once, and its stored record)."""
    by.require(MANAGE_TOKENS)
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}", errors={"role": [f"one of {sorted(ROLES)}"]})
    codes.check(scope, "scope")
    if store.read_one("areas/get_area_ref", code=scope, scope=by.scope.prefix) is None:
        where = "" if by.scope.prefix == "" else " inside your scope"
        raise InvalidInput(f"no area with code {scope}{where}",
                           errors={"scope": [f"an existing area{where}"]})
    if rate_limit < 1:
        raise InvalidInput("rate limit must be positive", errors={"rate_limit": [">= 1"]})
    expires = None
    if expires_in_days is not None:
        expires = (datetime.now(UTC) + timedelta(days=expires_in_days)).isoformat()
    token, tid, digest = new_token()

    def work(tx):
        from .audit import record

        row = tx.one("tokens/create_token", id=tid, hash=digest, role=role, scope_code=scope,
                     name=name, person_id=person_id, expires_at=expires, rate_limit=rate_limit)
        record(tx, by, "create", "token", tid, scope, None, row["token"])
        return row["token"]

    return token, store.transact(work)


def list_tokens(store, caller: Caller, page: PageRequest, *, role: str | None = None,
                state: str | None = None) -> dict:
    """Tokens scoped inside the caller's scope (never their secrets or hashes), newest first,
    each with its state now: active, expired or revoked."""
    caller.require(MANAGE_TOKENS)
    row = store.read_one("tokens/list_tokens", scope=caller.scope.prefix, role=role,
                         state=state, skip=page.skip, limit=page.page_size)
    return page.result(row["items"], row["total"])


def revoke_token(store, token_id: str, by: Caller = SYSTEM) -> tuple[dict, bool]:
    """Revoke a token scoped inside ``by``'s scope: (its record, whether this revoked it). A
    token revoked already stays as it was and leaves no audit record."""
    by.require(MANAGE_TOKENS)

    def work(tx):
        from .audit import record

        row = tx.one("tokens/set_token_revoked", id=token_id, scope=by.scope.prefix)
        if row is None:
            raise NotFound(f"no token {token_id}")
        if row["already"] is None:
            record(tx, by, "revoke", "token", token_id, row["token"]["scope_code"],
                   {"revoked_at": None}, {"revoked_at": row["token"]["revoked_at"]})
        return row["token"], row["already"] is None

    return store.transact(work)


def authenticate(store, presented: str) -> Caller | None:
    """The caller behind a presented token, or None when it is unknown, revoked or expired."""
    row = store.read_one("tokens/get_token_by_hash", hash=token_hash(presented))
    if row is None:
        return None
    t = row["token"]
    return Caller.of(t["id"], t["role"], t["scope_code"], person_id=t["person_id"],
                     name=t["name"], rate_limit=t["rate_limit"] or DEFAULT_RATE_LIMIT)
