"""Area scope: the subtree a caller may see, as a code prefix passed into every query.

Queries filter with ``code STARTS WITH $scope``; the whole graph is the empty prefix. Computing
prefixes here keeps the rule in one place and the filter inside the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codes


@dataclass(frozen=True)
class Scope:
    code: str | None = None  # None: everything (admin, or no scoping yet)

    @property
    def prefix(self) -> str:
        return codes.prefix(self.code) if self.code else ""

    def covers(self, code: str) -> bool:
        return code.startswith(self.prefix)

    def within(self, code: str | None) -> str | None:
        """The prefix for 'within ``code``' seen through this scope; None when they are
        disjoint (the answer is then empty, without asking the database)."""
        if code is None:
            return self.prefix
        inner = codes.prefix(code)
        if inner.startswith(self.prefix):
            return inner
        if self.prefix.startswith(inner):
            return self.prefix
        return None


EVERYTHING = Scope()
