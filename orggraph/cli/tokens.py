"""``orggraph token``: API tokens, each with a role and an area scope."""

from __future__ import annotations

import click

from ..auth import DEFAULT_RATE_LIMIT, ROLES
from ..tokens import STATES
from .base import Context, area_code, main, operator


@main.group()
def token() -> None:
    """API tokens: each has a role and an area scope."""


@token.command("create")
@click.option("--role", required=True, type=click.Choice(sorted(ROLES)))
@click.option("--scope", required=True, callback=area_code,
              help="Area code whose subtree the token may see.")
@click.option("--name", help="Who or what holds it (shown in the audit trail).")
@click.option("--person", "person_id", help="The person id of its holder, if any.")
@click.option("--expires-in-days", type=float, default=365, show_default=True)
@click.option("--rate-limit", type=click.IntRange(min=1), default=DEFAULT_RATE_LIMIT,
              show_default=True, help="Requests a minute.")
@click.pass_obj
def token_create(obj: Context, role, scope, name, person_id, expires_in_days, rate_limit):
    """Create a token and print it alone on stdout (it is shown only once)."""
    from ..tokens import create_token

    with obj.opened() as store:
        secret, record = create_token(store, role=role, scope=scope, name=name,
                                      person_id=person_id, expires_in_days=expires_in_days,
                                      rate_limit=rate_limit, by=operator("token create"))
    click.echo(f"created {record['id']} ({role}, scope {scope})", err=True)
    click.echo(secret)


@token.command("list")
@click.option("--role", type=click.Choice(sorted(ROLES)))
@click.option("--state", type=click.Choice(STATES))
@click.pass_obj
def token_list(obj: Context, role: str | None, state: str | None) -> None:
    """Tokens (never their secrets), newest first: id, role, scope, state, expiry, holder."""
    from ..paging import PageRequest
    from ..tokens import list_tokens

    with obj.opened() as store:
        rows = list_tokens(store, operator("token list"), PageRequest(1, 10**9), role=role,
                           state=state)["items"]
    for t in rows:
        click.echo(f"{t['id']}\t{t['role']}\t{t['scope_code']}\t{t['state']}\t"
                   f"expires {t['expires_at'] or 'never'}\t{t['name'] or ''}")


@token.command("revoke")
@click.argument("token_id")
@click.pass_obj
def token_revoke(obj: Context, token_id: str) -> None:
    """Revoke a token by its id (tok_…)."""
    from ..tokens import revoke_token

    with obj.opened() as store:
        token, revoked = revoke_token(store, token_id, by=operator("token revoke"))
    click.echo(f"revoked {token_id}" if revoked
               else f"{token_id} was revoked already, at {token['revoked_at']}")
