"""Who may do what, where: roles, their permissions, and the caller of a request.

A token has one role and one scope (an area code; its subtree is what it may see). The role's
permissions are checked before any work; the scope is passed into every query (see
:mod:`orggraph.scope`), so nothing outside it is read.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field

from .errors import Forbidden
from .scope import Scope

READ_TREE = "read_tree"  # areas, agencies, pairings (names only)
READ_PEOPLE = "read_people"  # personal data beyond names: phone, birth year, audit
WRITE_PARTNERS = "write_partners"  # pairings, linkages, secondments, leaders, imports
RUN_ANALYSES = "run_analyses"
WRITE_EVENTS = "write_events"
READ_AUDIT = "read_audit"
MANAGE_TOKENS = "manage_tokens"

ROLES: dict[str, frozenset[str]] = {
    "admin": frozenset({READ_TREE, READ_PEOPLE, WRITE_PARTNERS, RUN_ANALYSES, WRITE_EVENTS,
                        READ_AUDIT, MANAGE_TOKENS}),
    "org_department": frozenset({READ_TREE, READ_PEOPLE, WRITE_PARTNERS, READ_AUDIT}),
    "analyst": frozenset({READ_TREE, READ_PEOPLE, RUN_ANALYSES}),
    "platform": frozenset({READ_TREE, READ_PEOPLE, WRITE_EVENTS}),
    "reader": frozenset({READ_TREE}),
}
TOKEN_PREFIX = "og_"
DEFAULT_RATE_LIMIT = 6000  # requests per minute per token, unless the token says otherwise


@dataclass(frozen=True)
class Caller:
    """The authenticated token behind a request."""

    token_id: str
    role: str
    scope: Scope
    person_id: str | None = None
    name: str | None = None
    rate_limit: int = DEFAULT_RATE_LIMIT
    permissions: frozenset[str] = field(default_factory=frozenset)
    # Set per request when the client sent an Idempotency-Key: stored with the audit record.
    idempotency_key: str | None = None
    request_hash: str | None = None

    @classmethod
    def of(cls, token_id: str, role: str, scope_code: str | None, **kw) -> Caller:
        return cls(token_id, role, Scope(scope_code), permissions=ROLES[role], **kw)

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise Forbidden(f"a {self.role} token may not {_DOING[permission]}")

    @property
    def sees_people(self) -> bool:
        return self.can(READ_PEOPLE)


# Used by the CLI and tools that act with full rights (loading, imports from the console).
SYSTEM = Caller.of("system", "admin", None, name="orggraph")

_DOING = {
    READ_TREE: "read the network", READ_PEOPLE: "read personal data",
    WRITE_PARTNERS: "change pairings, linkages, secondments or leaders",
    RUN_ANALYSES: "run analyses", WRITE_EVENTS: "record or move events",
    READ_AUDIT: "read the audit trail", MANAGE_TOKENS: "manage tokens",
}


def new_token() -> tuple[str, str, str]:
    """(token, its id, its hash). Only the hash is stored; the id names it in lists and logs."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, token_id(token), token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_id(token: str) -> str:
    return "tok_" + token_hash(token)[:12]
