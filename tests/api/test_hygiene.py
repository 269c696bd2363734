"""HTTP hygiene: security headers everywhere, CORS only for the allow-list. (Token expiry and
the rate limit's 429 are in test_auth.py.)"""

from __future__ import annotations

import pytest

from tests.conftest import LiveServer, count

ALLOWED = "https://app.putian.example"


@pytest.fixture(scope="module")
def cors_api(settings, seeded, tokens):
    import dataclasses

    from api import create_app

    live = LiveServer(create_app(dataclasses.replace(settings, cors_origins=(ALLOWED,))),
                      tokens)
    yield live
    live.stop()


@pytest.mark.parametrize("path", ["/", "/api/v1/health", "/api/v1/openapi.json",
                                  "/api/v1/areas/350300", "/api/v1/areas/nothing"])
def test_security_headers_on_every_answer(cors_api, path):
    r = cors_api.get(path)
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    if path.startswith("/api/"):
        assert r.headers["Cache-Control"] == "no-store"


def test_the_docs_page_may_run_its_own_inline_script_and_nothing_else_may(cors_api):
    docs = cors_api.get("/api/v1/docs", token=None)
    assert docs.status_code == 200 and "'unsafe-inline'" in docs.headers[
        "Content-Security-Policy"].split("script-src", 1)[1].split(";")[0]
    page = cors_api.get("/", token=None)
    assert "'unsafe-inline'" not in page.headers["Content-Security-Policy"].split(
        "script-src", 1)[1].split(";")[0]


def test_cors_answers_the_allowed_origin_only(cors_api):
    ok = cors_api.request("OPTIONS", "/api/v1/pairings", token=None, headers={
        "Origin": ALLOWED, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization"})
    assert ok.status_code == 204
    assert "Authorization" in ok.headers["Access-Control-Allow-Headers"]
    got = cors_api.get("/api/v1/areas/350300", headers={"Origin": ALLOWED})
    assert got.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "ETag" in got.headers["Access-Control-Expose-Headers"]

    evil = "https://evil.example"
    refused = cors_api.request("OPTIONS", "/api/v1/pairings", token=None, headers={
        "Origin": evil, "Access-Control-Request-Method": "GET"})
    assert refused.status_code == 403 and "not allowed" in refused.json()["detail"]
    other = cors_api.get("/api/v1/areas/350300", headers={"Origin": evil})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_without_an_allow_list_no_origin_is_allowed(api):
    r = api.get("/api/v1/areas/350300", headers={"Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in r.headers


def test_a_body_that_is_not_json_is_told_what_to_send(api, seeded):
    """A body that does not parse, or that is sent as another type (its fields then read as
    missing), gets a message that says so; nothing is written."""
    before = count(seeded, "Pairing")
    broken = api.post("/api/v1/pairings", data='{"agency_id": ',
                      headers={"Content-Type": "application/json"})
    assert broken.status_code == 400
    assert broken.headers["Content-Type"] == "application/problem+json"
    # where the body breaks, as the decoder says it
    assert "not valid JSON (Expecting value: line 1 column 15" in broken.json()["detail"], \
        broken.text
    as_form = api.post("/api/v1/pairings", data='{"agency_id": "x"}',
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert as_form.status_code == 422
    detail = as_form.json()["detail"]
    assert "application/x-www-form-urlencoded" in detail and "application/json" in detail
    right = api.post("/api/v1/pairings", json={"agency_id": "x"})
    assert right.status_code == 422 and "sent as" not in right.json()["detail"]
    assert count(seeded, "Pairing") == before


def test_a_path_or_method_that_does_not_exist_points_to_what_does(api):
    missing = api.get("/api/v1/pairing")
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == "application/problem+json"
    assert "no endpoint /api/v1/pairing" in missing.json()["detail"]
    assert "/api/v1/docs" in missing.json()["detail"]
    # a stored thing that is not there keeps its own message
    assert api.get("/api/v1/pairings/nope").json()["detail"] == "no pairing nope"
    wrong = api.request("DELETE", "/api/v1/pairings")
    assert wrong.status_code == 405
    allowed = wrong.headers["Allow"]
    assert "POST" in allowed and "DELETE" not in allowed
    assert wrong.json()["detail"] == (
        f"DELETE is not allowed on /api/v1/pairings; it takes {allowed}")
