"""API tokens: opaque, stored only as a hash, each with a role, a scope, an expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from . import codes
from .auth import DEFAULT_RATE_LIMIT, ROLES, SYSTEM, Caller, new_token, token_hash
from .errors import InvalidInput, NotFound


def create_token(store, *, role: str, scope: str, name: str | None = None,
                 person_id: str | None = None, expires_in_days: float | None = 365,
                 rate_limit: int = DEFAULT_RATE_LIMIT, by: Caller = SYSTEM) -> tuple[str, dict]:
    """Make a token; returns (the token itself, shown once, and its stored record)."""
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}", errors={"role": [f"one of {sorted(ROLES)}"]})
    codes.check(scope, "scope")
    if store.read_one("areas/get_area_ref", code=scope, scope="") is None:
        raise InvalidInput(f"no area with code {scope}", errors={"scope": ["an existing area"]})
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


def list_tokens(store) -> list[dict]:
    return [r["token"] for r in store.read("tokens/list_tokens")]


def revoke_token(store, token_id: str, by: Caller = SYSTEM) -> str | None:
    """Revoke a token; returns None, or when it had been revoked already (which changes
    nothing and so leaves no audit record)."""
    def work(tx):
        from .audit import record

        row = tx.one("tokens/set_token_revoked", id=token_id)
        if row is None:
            raise NotFound(f"no token {token_id}")
        if row["already"] is None:
            record(tx, by, "revoke", "token", token_id, row["scope_code"],
                   {"revoked_at": None}, {"revoked_at": row["revoked_at"]})
        return row["already"]

    return store.transact(work)


def authenticate(store, presented: str) -> Caller | None:
    """The caller behind a presented token, or None when it is unknown, revoked or expired."""
    row = store.read_one("tokens/get_token_by_hash", hash=token_hash(presented))
    if row is None:
        return None
    t = row["token"]
    return Caller.of(t["id"], t["role"], t["scope_code"], person_id=t["person_id"],
                     name=t["name"], rate_limit=t["rate_limit"] or DEFAULT_RATE_LIMIT)
