"""Domain exceptions. Entry points map them to exit codes or HTTP statuses in one place each."""

from __future__ import annotations


class OrggraphError(Exception):
    """Base of every error the domain raises on purpose."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str, *, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or {}
        self.extra: dict = {}  # further members of the problem document


class NotFound(OrggraphError):
    status = 404
    title = "Not found"


class InvalidInput(OrggraphError):
    status = 422
    title = "Invalid input"


def refusal(errors: dict[str, list[str]], lead: str | None = None) -> InvalidInput:
    """The :class:`InvalidInput` for ``errors`` (field -> messages): its detail lists every
    message, after ``lead`` when given."""
    listed = "; ".join(m for ms in errors.values() for m in ms)
    return InvalidInput(f"{lead}: {listed}" if lead else listed, errors=errors)


def refuse_fields(errors: dict[str, list[str]], lead: str | None = None) -> None:
    """Raise :func:`refusal` for ``errors``, if there are any."""
    if errors:
        raise refusal(errors, lead)


class Conflict(OrggraphError):
    status = 409
    title = "Conflict"


class Forbidden(OrggraphError):
    status = 403
    title = "Forbidden"


class Unavailable(OrggraphError):
    """The database cannot be reached; the caller should try again later."""

    status = 503
    title = "Database unavailable"
    retry_after = 5


class PreconditionFailed(OrggraphError):
    """The caller's ``If-Match`` names a version that is no longer current."""

    status = 412
    title = "Precondition failed"


class PreconditionRequired(OrggraphError):
    """A change that destroys a record was sent without ``If-Match``."""

    status = 428
    title = "Precondition required"
