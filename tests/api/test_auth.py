"""Tokens over HTTP: 401 without one, roles, scope without leaks, revocation, expiry, 429."""

import getpass
import os
import subprocess
import sys
import uuid

import pytest
from click.testing import CliRunner

from orggraph.cli import main as cli
from orggraph.store import connection
from orggraph.tokens import create_token, revoke_token
from tests.conftest import count

PROBLEM = "application/problem+json"


def test_public_routes_need_no_token(api):
    for path in ("/api/v1/health", "/api/v1/openapi.json", "/api/v1/docs"):
        assert api.get(path, token=None).status_code == 200, path


@pytest.mark.parametrize("path", ["/api/v1/areas", "/api/v1/areas/350300", "/api/v1/pairings",
                                  "/api/v1/agencies", "/api/v1/secondments", "/api/v1/audit"])
def test_no_token_is_401_with_a_challenge(api, path):
    r = api.get(path, token=None)
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == "Bearer"
    assert r.headers["Content-Type"].startswith(PROBLEM)


def test_unknown_and_malformed_tokens_are_401(api):
    assert api.get("/api/v1/areas", token="og_not-a-real-token").status_code == 401
    r = api.request("GET", "/api/v1/areas", token=None, headers={"Authorization": "Basic eDp5"})
    assert r.status_code == 401


def test_scope_hides_what_is_outside(api):
    # 荔城区's reader cannot see 城厢区's 霞林社区: 404, as if it did not exist.
    assert api.get("/api/v1/areas/350302003003", token="reader_licheng").status_code == 404
    assert api.get("/api/v1/areas/350304100001", token="reader_licheng").status_code == 200
    assert api.get("/api/v1/areas/350300", token="reader_licheng").status_code == 404
    assert api.get("/api/v1/areas/350302/children", token="reader_licheng").status_code == 404
    # Lists hold only in-scope items, and totals count only them.
    mine = api.get("/api/v1/areas", params={"tier": "community"}, token="reader_licheng").json()
    assert mine["total"] > 0 and all(a["code"].startswith("350304") for a in mine["items"])
    everyone = api.get("/api/v1/areas", params={"tier": "community"}).json()
    assert everyone["total"] == 979 > mine["total"]
    outside = api.get("/api/v1/areas", params={"within": "350302"}, token="reader_licheng")
    assert outside.json()["total"] == 0


def test_readers_see_names_but_no_personal_data(api):
    r = api.get("/api/v1/secondments", params={"within": "350303001002"}, token="reader").json()
    assert r["total"] > 0
    assert all(set(s["person"]) == {"id", "name"} for s in r["items"])
    full = api.get("/api/v1/secondments", params={"within": "350303001002"}).json()
    assert all("phone" in s["person"] for s in full["items"])


def test_revoked_token_stops_working(api, seeded, monkeypatch):
    import api.auth as gate

    monkeypatch.setattr(gate, "TOKEN_CACHE_SECONDS", 0.0)
    token, record = create_token(seeded, role="reader", scope="350300")
    assert api.get("/api/v1/areas/350300", token=token).status_code == 200
    revoke_token(seeded, record["id"])
    assert api.get("/api/v1/areas/350300", token=token).status_code == 401


def test_expired_token_is_401(api, seeded):
    token, _ = create_token(seeded, role="reader", scope="350300", expires_in_days=-1)
    assert api.get("/api/v1/areas/350300", token=token).status_code == 401


def test_rate_limit_answers_429_with_retry_after(api, seeded):
    token, _ = create_token(seeded, role="reader", scope="350300", rate_limit=3)
    assert api.get("/api/v1/health", token=token).status_code == 200  # public: not counted
    codes = [api.get("/api/v1/areas/350300", token=token).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    r = api.get("/api/v1/areas/350300", token=token)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert r.headers["Content-Type"].startswith(PROBLEM)


def test_token_create_refuses_bad_role_and_unknown_scope(seeded):
    from orggraph.errors import InvalidInput

    with pytest.raises(InvalidInput, match="role"):
        create_token(seeded, role="king", scope="350300")
    with pytest.raises(InvalidInput, match="no area"):
        create_token(seeded, role="reader", scope="350399")


def test_token_commands_create_list_and_revoke(api, settings, seeded, monkeypatch):
    """``orggraph token``: create prints the token alone on stdout; list shows each token's
    state and never a secret; revoke ends it, and the API refuses it from then on."""
    import api.auth as gate

    monkeypatch.setattr(gate, "TOKEN_CACHE_SECONDS", 0.0)
    uri, _, password = connection(settings)
    env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": password or ""}
    run = CliRunner()
    made = run.invoke(cli, ["token", "create", "--role", "reader", "--scope", "350304",
                            "--name", "cli check"], env=env)
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip()
    assert "\n" not in secret and secret.startswith("og_")
    tid = made.stderr.split()[1]
    assert api.get("/api/v1/areas/350304", token=secret).status_code == 200
    _, old = create_token(seeded, role="reader", scope="350300", name="cli old",
                          expires_in_days=-1)

    def listed() -> dict[str, list[str]]:
        out = run.invoke(cli, ["token", "list"], env=env)
        assert out.exit_code == 0 and secret not in out.stdout
        return {line.split("\t")[0]: line.split("\t") for line in out.stdout.splitlines()}

    rows = listed()
    assert rows[tid][1:4] == ["reader", "350304", "active"] and rows[tid][-1] == "cli check"
    assert rows[old["id"]][3] == "expired"
    gone = run.invoke(cli, ["token", "revoke", tid], env=env)
    assert gone.exit_code == 0 and tid in gone.stdout
    assert listed()[tid][3] == "revoked"
    only = run.invoke(cli, ["token", "list", "--state", "expired"], env=env)
    assert old["id"] in only.stdout and tid not in only.stdout
    assert all(line.split("\t")[3] == "expired" for line in only.stdout.splitlines())
    again = run.invoke(cli, ["token", "revoke", tid], env=env)
    assert again.exit_code == 0 and "was revoked already" in again.stdout
    trail = api.get("/api/v1/audit", params={"entity": "token"}).json()["items"]
    revocations = [a for a in trail if a["entity_id"] == tid and a["action"] == "revoke"]
    assert len(revocations) == 1 and revocations[0]["area_code"] == "350304"
    # Who: the login that ran the command.
    assert revocations[0]["actor"] == f"{getpass.getuser()} (orggraph token revoke)"
    created = [a for a in trail if a["entity_id"] == tid and a["action"] == "create"]
    assert created[0]["actor"] == f"{getpass.getuser()} (orggraph token create)"
    assert api.get("/api/v1/areas/350304", token=secret).status_code == 401
    # Through the installed entry point, which turns the refusal into a message and exit 2.
    unknown = subprocess.run([sys.executable, "-m", "orggraph.cli", "token", "revoke",
                              "tok_nosuchtoken"], env={**os.environ, **env},
                             capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 2 and unknown.stderr == "error: no token tok_nosuchtoken\n"


def test_admins_make_list_and_revoke_tokens_over_http(api, seeded, monkeypatch):
    """POST /tokens answers the token once; an admin sees and revokes only tokens inside its
    own scope and makes none outside it; a revoked token stops working."""
    import api.auth as gate

    monkeypatch.setattr(gate, "TOKEN_CACHE_SECONDS", 0.0)
    made = api.post("/api/v1/tokens", json={"role": "reader", "scope": "350304",
                                            "name": "http check licheng"})
    assert made.status_code == 201, made.text
    licheng = made.json()
    assert licheng["token"].startswith("og_") and licheng["state"] == "active"
    assert api.get("/api/v1/areas/350304", token=licheng["token"]).status_code == 200
    # A district's admin: its own district only.
    district, _ = create_token(seeded, role="admin", scope="350302", name="test admin 城厢区")
    outside = api.post("/api/v1/tokens", token=district,
                       json={"role": "reader", "scope": "350304"})
    assert outside.status_code == 422 and "scope" in outside.json()["errors"]
    inside = api.post("/api/v1/tokens", token=district,
                      json={"role": "org_department", "scope": "350302003"})
    assert inside.status_code == 201, inside.text
    listed = api.get("/api/v1/tokens", token=district, params={"page_size": 500}).json()
    stored, _, _ = seeded.driver.execute_query(
        "MATCH (t:Token) WHERE t.scope_code STARTS WITH '350302' RETURN count(t) AS n",
        database_=seeded.database)
    assert listed["total"] == stored[0]["n"] >= 2
    assert all(t["scope_code"].startswith("350302") for t in listed["items"])
    assert inside.json()["id"] in {t["id"] for t in listed["items"]}
    assert not any("hash" in t or "token" in t for t in listed["items"])
    assert api.post(f"/api/v1/tokens/{licheng['id']}/revoke",
                    token=district).status_code == 404
    # The city's admin revokes it; again changes nothing; the token is refused from then on.
    gone = api.post(f"/api/v1/tokens/{licheng['id']}/revoke")
    assert gone.status_code == 200 and gone.json()["state"] == "revoked"
    again = api.post(f"/api/v1/tokens/{licheng['id']}/revoke").json()
    assert again["revoked_at"] == gone.json()["revoked_at"]
    assert api.get("/api/v1/areas/350304", token=licheng["token"]).status_code == 401
    revoked = api.get("/api/v1/tokens", params={"state": "revoked", "role": "reader",
                                                "page_size": 500}).json()["items"]
    assert licheng["id"] in {t["id"] for t in revoked}
    assert all(t["state"] == "revoked" and t["role"] == "reader" for t in revoked)
    assert api.post("/api/v1/tokens/tok_nosuchtoken/revoke").status_code == 404


def test_a_token_made_again_under_its_idempotency_key_is_not_shown_again(api):
    body = {"role": "reader", "scope": "350302", "name": "http check replay"}
    key = {"Idempotency-Key": f"token-replay-{uuid.uuid4()}"}
    first = api.post("/api/v1/tokens", json=body, headers=key)
    second = api.post("/api/v1/tokens", json=body, headers=key)
    assert first.status_code == second.status_code == 201
    assert first.json()["token"].startswith("og_") and "Idempotent-Replayed" not in first.headers
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.json()["id"] == first.json()["id"] and "token" not in second.json()


@pytest.mark.parametrize("body, field", [
    ({"role": "king", "scope": "350302"}, "role"),
    ({"role": "reader", "scope": "350399"}, "scope"),
    ({"role": "reader", "scope": "putian"}, "scope"),
    ({"role": "reader", "scope": "350302", "expires_in_days": 0}, "expires_in_days"),
    ({"role": "reader", "scope": "350302", "rate_limit": 0}, "rate_limit"),
    ({"role": "reader"}, "scope"),
])
def test_a_bad_token_request_is_422_naming_the_field(api, seeded, body, field):
    before = count(seeded, "Token")
    r = api.post("/api/v1/tokens", json=body)
    assert r.status_code == 422 and field in r.json()["errors"], r.text
    assert count(seeded, "Token") == before
